package io.memreplay.analytics.results;

import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import org.apache.avro.Schema;

/** The tables of a results dataset: the folder each lives in and the Avro schema of its rows. */
public enum ResultTable {
  RUNS("runs", Run.getClassSchema(), true),
  VM_INTERVALS("vm_intervals", VmInterval.getClassSchema(), true),
  HOST_INTERVALS("host_intervals", HostInterval.getClassSchema(), true),
  TRANSLATION("translation", TranslationInterval.getClassSchema(), true),
  WORKING_SETS("working_sets", WorkingSet.getClassSchema(), true),
  MRC("mrc", MrcPoint.getClassSchema(), true),
  REJECTS("rejects", Reject.getClassSchema(), false);

  private final String folder;
  private final Schema schema;
  private final boolean perRun;

  ResultTable(String folder, Schema schema, boolean perRun) {
    this.folder = folder;
    this.schema = schema;
    this.perRun = perRun;
  }

  /** The folder under the results folder, which is also the table's name in SQL. */
  public String folder() {
    return folder;
  }

  public Schema schema() {
    return schema;
  }

  /**
   * True for tables written one file per run, in {@code policy=<policy>} partitions; false for
   * {@link #REJECTS}, which belong to the replay as a whole (the input is read once for all policies).
   */
  public boolean perRun() {
    return perRun;
  }
}
