package io.memreplay.analytics.results;

import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** The tables of a results dataset: the folder each lives in and the Avro schema of its rows. */
public enum ResultTable {
  RUNS("runs", Run::new, true),
  VM_INTERVALS("vm_intervals", VmInterval::new, true),
  HOST_INTERVALS("host_intervals", HostInterval::new, true),
  TRANSLATION("translation", TranslationInterval::new, true),
  WORKING_SETS("working_sets", WorkingSet::new, true),
  MRC("mrc", MrcPoint::new, true),
  REJECTS("rejects", Reject::new, false);

  private final String folder;
  private final Supplier<SpecificRecord> newRecord;
  private final Schema schema;
  private final boolean perRun;

  ResultTable(String folder, Supplier<SpecificRecord> newRecord, boolean perRun) {
    this.folder = folder;
    this.newRecord = newRecord;
    this.schema = newRecord.get().getSchema();
    this.perRun = perRun;
  }

  /** A new empty record of this table. */
  Supplier<SpecificRecord> newRecord() {
    return newRecord;
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
