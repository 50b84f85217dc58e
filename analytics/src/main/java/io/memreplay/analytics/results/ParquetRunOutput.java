package io.memreplay.analytics.results;

import io.memreplay.engine.model.Row;
import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * The files of one run, one per per-run table, from the moment the run is opened until it is committed or aborted.
 *
 * <p>Not thread-safe: it is used by one thread at a time. The replay writes rows from the run's thread
 * and commits or aborts from the main thread after joining it, which orders the two.
 */
final class ParquetRunOutput implements RunOutput {

  private final String runId;
  private final String policy;
  private final Map<ResultTable, TableFile<SpecificRecord>> tables;
  private final ResultRows rows = new ResultRows();
  /** Every file of the run, {@code runs} last: the order they are published in. */
  private final List<TableFile<SpecificRecord>> files;
  private boolean finished;

  private ParquetRunOutput(String runId, String policy, Map<ResultTable, TableFile<SpecificRecord>> tables) {
    this.runId = runId;
    this.policy = policy;
    this.tables = tables;
    List<TableFile<SpecificRecord>> ordered = new ArrayList<>();
    for (ResultTable table : tables.keySet()) {
      if (table != ResultTable.RUNS) {
        ordered.add(tables.get(table));
      }
    }
    ordered.add(tables.get(ResultTable.RUNS));
    this.files = List.copyOf(ordered);
  }

  /** Creates the temporary files of every per-run table; if one cannot be created, none is left behind. */
  static ParquetRunOutput open(ResultsLayout layout, String runId, String policy) throws IOException {
    Map<ResultTable, TableFile<SpecificRecord>> created = new EnumMap<>(ResultTable.class);
    try {
      for (ResultTable table : ResultTable.values()) {
        if (table.perRun()) {
          created.put(table, TableFile.create(layout.runFile(table, policy, runId), table.schema()));
        }
      }
      return new ParquetRunOutput(runId, policy, created);
    } catch (IOException | RuntimeException e) {
      created.values().forEach(TableFile::discard);
      throw e;
    }
  }

  @Override
  public void emit(Row row) throws IOException {
    ResultTable table = ResultRows.tableOf(row.table());
    if (table == ResultTable.RUNS) {
      throw new IllegalArgumentException("the runs row of run " + runId + " is written by commit");
    }
    requireThisRun(row, table);
    tables.get(table).write(rows.record(row));
  }

  /**
   * Completes every file, then renames them into place with the {@code runs} file last. An earlier
   * {@code runs} file of the same run (a replay run again) is deleted first, so that while the other
   * files are being replaced no {@code runs} row claims them complete. A run that is not COMPLETE does
   * not replace an earlier COMPLETE run of the same id: its files are deleted instead. If anything fails,
   * the files not yet published are deleted.
   */
  @Override
  public boolean commit(Row run) throws IOException {
    requireThisRun(run, ResultTable.RUNS);
    finished = true;
    TableFile<SpecificRecord> runs = tables.get(ResultTable.RUNS);
    try {
      if (!Replay.COMPLETE.equals(run.get("status")) && publishedComplete(runs.target())) {
        files.forEach(TableFile::discard);
        return false;
      }
      runs.write(rows.record(run));
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

  /** Whether {@code runsFile} holds a COMPLETE run already. */
  private static boolean publishedComplete(Path runsFile) throws IOException {
    if (!Files.exists(runsFile)) {
      return false;
    }
    try (ParquetReader<Run> reader = ParquetFiles.avroReader(runsFile)) {
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
  private void requireThisRun(Row row, ResultTable table) {
    Object rowRunId = row.get("run_id");
    Object rowPolicy = row.get("policy");
    if (finished) {
      throw new IllegalStateException("run " + runId + " is already committed or aborted");
    }
    if (!runId.equals(rowRunId) || !policy.equals(rowPolicy)) {
      throw new IllegalArgumentException("a " + table.folder() + " row of run " + rowRunId + " (policy " + rowPolicy
          + ") was written to the output of run " + runId + " (policy " + policy + ")");
    }
  }
}
