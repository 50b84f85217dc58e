package io.memreplay.ingest.kafka;

import io.memreplay.engine.model.Row;
import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Reject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Results kept in memory as a results dataset keeps files: a run's rows become visible when it commits, and a
 * run committed again replaces its rows, as the same file names would, unless it is incomplete and the
 * earlier one complete. Rows are kept as text with the wall-clock columns of {@code runs} and how the trace
 * was checked blanked out: a Kafka and a Parquet replay of one trace may differ in nothing else.
 */
final class RecordingResults implements ResultsSink {

  private final Map<String, List<String>> runs = new TreeMap<>();
  private final Map<String, String> statuses = new TreeMap<>();
  private final Map<String, List<Reject>> rejects = new TreeMap<>();
  final AtomicInteger commits = new AtomicInteger();

  @Override
  public ReplayOutput open(String replayId) {
    List<Reject> replayRejects = new ArrayList<>();
    return new ReplayOutput() {
      @Override
      public RunOutput openRun(String runId, String policy) {
        return new RecordingRun(runId);
      }

      @Override
      public void reject(Reject reject) {
        replayRejects.add(Reject.newBuilder(reject).build());
      }

      @Override
      public void finish() {
        synchronized (RecordingResults.this) {
          rejects.put(replayId, replayRejects);
        }
      }
    };
  }

  synchronized Map<String, List<String>> runs() {
    return new TreeMap<>(runs);
  }

  /** The status of each run committed last, by run id. */
  synchronized Map<String, String> statuses() {
    return new TreeMap<>(statuses);
  }

  synchronized Map<String, List<Reject>> rejects() {
    return new TreeMap<>(rejects);
  }

  synchronized List<Reject> allRejects() {
    return rejects.values().stream().flatMap(List::stream).toList();
  }

  private final class RecordingRun implements RunOutput {
    private final String runId;
    private final List<String> rows = new ArrayList<>();

    RecordingRun(String runId) {
      this.runId = runId;
    }

    @Override
    public void emit(Row row) {
      rows.add(row.toString());
    }

    @Override
    public boolean commit(Row run) {
      Row timeless = run.copy();
      timeless.set(run.layout().position("started_at_ns"), 0L).set(run.layout().position("finished_at_ns"), 0L)
          .set(run.layout().position("trace_verification"), "");
      rows.add(timeless.toString());
      String status = (String) run.get("status");
      synchronized (RecordingResults.this) {
        if (!status.equals(Replay.COMPLETE) && statuses.getOrDefault(runId, "").equals(Replay.COMPLETE)) {
          return false;
        }
        runs.put(runId, List.copyOf(rows));
        statuses.put(runId, status);
        commits.incrementAndGet();
        return true;
      }
    }

    @Override
    public void abort() {}
  }
}
