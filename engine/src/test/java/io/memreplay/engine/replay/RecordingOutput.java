package io.memreplay.engine.replay;

import io.memreplay.engine.model.AvroRows;
import io.memreplay.engine.model.Row;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Keeps every row in memory, by policy, as the records it would be stored as; remembers commits and aborts. */
final class RecordingOutput implements ReplayOutput {

  final Map<String, RecordedRun> runs = Collections.synchronizedMap(new LinkedHashMap<>());
  /** Sees every row as it is emitted, on the run's thread. */
  private final Consumer<Row> watcher;
  final List<Reject> rejects = Collections.synchronizedList(new ArrayList<>());
  boolean finished;
  /** What was published, in order: "rejects", and "run POLICY" for each commit. */
  final List<String> publications = Collections.synchronizedList(new ArrayList<>());

  RecordingOutput() {
    this(row -> { });
  }

  RecordingOutput(Consumer<Row> watcher) {
    this.watcher = watcher;
  }

  @Override
  public RunOutput openRun(String runId, String policy) {
    RecordedRun run = new RecordedRun(runId, watcher, () -> publications.add("run " + policy));
    runs.put(policy, run);
    return run;
  }

  @Override
  public void reject(Reject reject) {
    rejects.add(reject);
  }

  @Override
  public void finish() {
    finished = true;
    publications.add("rejects");
  }

  static final class RecordedRun implements RunOutput {
    final String runId;
    final List<VmInterval> vmIntervals = new ArrayList<>();
    final List<HostInterval> hostIntervals = new ArrayList<>();
    final List<WorkingSet> workingSets = new ArrayList<>();
    final List<TranslationInterval> translations = new ArrayList<>();
    final List<MrcPoint> mrcPoints = new ArrayList<>();
    Run committed;
    boolean aborted;

    private final Consumer<Row> watcher;
    private final Runnable onCommit;

    RecordedRun(String runId, Consumer<Row> watcher, Runnable onCommit) {
      this.runId = runId;
      this.watcher = watcher;
      this.onCommit = onCommit;
    }

    @Override
    public void emit(Row row) {
      watcher.accept(row);
      switch (row.table()) {
        case VM_INTERVALS -> vmIntervals.add(AvroRows.record(row));
        case HOST_INTERVALS -> hostIntervals.add(AvroRows.record(row));
        case TRANSLATION -> translations.add(AvroRows.record(row));
        case WORKING_SETS -> workingSets.add(AvroRows.record(row));
        case MRC -> mrcPoints.add(AvroRows.record(row));
        default -> throw new IllegalArgumentException("a run emits no " + row.table().tableName() + " rows");
      }
    }

    @Override
    public boolean commit(Row run) {
      committed = AvroRows.record(run);
      onCommit.run();
      return true;
    }

    @Override
    public void abort() {
      aborted = true;
    }
  }
}
