package io.memreplay.analytics.results;

import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The six files of one run, from the moment the run is opened until it is committed or aborted.
 *
 * <p>Not thread-safe: it is used by one thread at a time. The replay writes rows from the run's thread
 * and commits or aborts from the main thread after joining it, which orders the two.
 */
final class ParquetRunOutput implements RunOutput {

  private final String runId;
  private final String policy;
  private final TableFile<VmInterval> vmIntervals;
  private final TableFile<HostInterval> hostIntervals;
  private final TableFile<TranslationInterval> translation;
  private final TableFile<WorkingSet> workingSets;
  private final TableFile<MrcPoint> mrc;
  private final TableFile<Run> runs;
  /** Every file of the run, {@link #runs} last: the order they are published in. */
  private final List<TableFile<?>> files;
  private boolean finished;

  private ParquetRunOutput(String runId, String policy, TableFile<VmInterval> vmIntervals,
      TableFile<HostInterval> hostIntervals, TableFile<TranslationInterval> translation,
      TableFile<WorkingSet> workingSets, TableFile<MrcPoint> mrc, TableFile<Run> runs) {
    this.runId = runId;
    this.policy = policy;
    this.vmIntervals = vmIntervals;
    this.hostIntervals = hostIntervals;
    this.translation = translation;
    this.workingSets = workingSets;
    this.mrc = mrc;
    this.runs = runs;
    this.files = List.of(vmIntervals, hostIntervals, translation, workingSets, mrc, runs);
  }

  /** Creates the temporary files of every per-run table; if one cannot be created, none is left behind. */
  static ParquetRunOutput open(ResultsLayout layout, String runId, String policy) throws IOException {
    List<TableFile<?>> created = new ArrayList<>();
    try {
      return new ParquetRunOutput(runId, policy,
          create(created, layout, ResultTable.VM_INTERVALS, policy, runId),
          create(created, layout, ResultTable.HOST_INTERVALS, policy, runId),
          create(created, layout, ResultTable.TRANSLATION, policy, runId),
          create(created, layout, ResultTable.WORKING_SETS, policy, runId),
          create(created, layout, ResultTable.MRC, policy, runId),
          create(created, layout, ResultTable.RUNS, policy, runId));
    } catch (IOException | RuntimeException e) {
      created.forEach(TableFile::discard);
      throw e;
    }
  }

  private static <T> TableFile<T> create(List<TableFile<?>> created, ResultsLayout layout, ResultTable table,
      String policy, String runId) throws IOException {
    TableFile<T> file = TableFile.create(layout.runFile(table, policy, runId), table.schema());
    created.add(file);
    return file;
  }

  @Override
  public void vmInterval(VmInterval row) throws IOException {
    requireThisRun(row.getRunId(), row.getPolicy(), ResultTable.VM_INTERVALS);
    vmIntervals.write(row);
  }

  @Override
  public void hostInterval(HostInterval row) throws IOException {
    requireThisRun(row.getRunId(), row.getPolicy(), ResultTable.HOST_INTERVALS);
    hostIntervals.write(row);
  }

  @Override
  public void translation(TranslationInterval row) throws IOException {
    requireThisRun(row.getRunId(), row.getPolicy(), ResultTable.TRANSLATION);
    translation.write(row);
  }

  @Override
  public void workingSet(WorkingSet row) throws IOException {
    requireThisRun(row.getRunId(), row.getPolicy(), ResultTable.WORKING_SETS);
    workingSets.write(row);
  }

  @Override
  public void mrcPoint(MrcPoint row) throws IOException {
    requireThisRun(row.getRunId(), row.getPolicy(), ResultTable.MRC);
    mrc.write(row);
  }

  /**
   * Completes every file, then renames them into place with the {@code runs} file last. An earlier
   * {@code runs} file of the same run (a replay run again) is deleted first, so that while the other
   * files are being replaced no {@code runs} row claims them complete. A run that is not COMPLETE does
   * not replace an earlier COMPLETE run of the same id: its files are deleted instead. If anything fails,
   * the files not yet published are deleted.
   */
  @Override
  public boolean commit(Run run) throws IOException {
    requireThisRun(run.getRunId(), run.getPolicy(), ResultTable.RUNS);
    finished = true;
    try {
      if (!Replay.COMPLETE.equals(run.getStatus()) && publishedComplete()) {
        files.forEach(TableFile::discard);
        return false;
      }
      runs.write(run);
      for (TableFile<?> file : files) {
        file.close();
      }
      Files.deleteIfExists(runs.target());
      for (TableFile<?> file : files) {
        file.publish();
      }
      return true;
    } catch (IOException | RuntimeException e) {
      files.forEach(TableFile::discard);
      throw e;
    }
  }

  /** Whether the results hold a COMPLETE run of this id already. */
  private boolean publishedComplete() throws IOException {
    if (!Files.exists(runs.target())) {
      return false;
    }
    try (ParquetReader<Run> reader = ParquetFiles.avroReader(runs.target())) {
      Run published = reader.read();
      return published != null && Replay.COMPLETE.equals(published.getStatus());
    }
  }

  /** Deletes the run's temporary files. Does nothing once the run is committed or aborted. */
  @Override
  public void abort() {
    if (!finished) {
      finished = true;
      files.forEach(TableFile::discard);
    }
  }

  /**
   * A row of another run would sit in this run's file under the wrong partition, where readers that
   * trust the folder name would misfile it.
   */
  private void requireThisRun(String rowRunId, String rowPolicy, ResultTable table) {
    if (finished) {
      throw new IllegalStateException("run " + runId + " is already committed or aborted");
    }
    if (!runId.equals(rowRunId) || !policy.equals(rowPolicy)) {
      throw new IllegalArgumentException("a " + table.folder() + " row of run " + rowRunId + " (policy " + rowPolicy
          + ") was written to the output of run " + runId + " (policy " + policy + ")");
    }
  }
}
