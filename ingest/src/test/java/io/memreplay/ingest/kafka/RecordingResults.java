package io.memreplay.ingest.kafka;

import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Results kept in memory as a results dataset keeps files: a run's rows become visible when it commits, and a
 * run committed again replaces its rows, as the same file names would, unless it is incomplete and the
 * earlier one complete. Rows are kept as text with the
 * wall-clock columns of {@code runs} zeroed, so that two replays of the same inputs compare equal.
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
    public void vmInterval(VmInterval row) {
      rows.add(row.toString());
    }

    @Override
    public void hostInterval(HostInterval row) {
      rows.add(row.toString());
    }

    @Override
    public void translation(TranslationInterval row) {
      rows.add(row.toString());
    }

    @Override
    public void workingSet(WorkingSet row) {
      rows.add(row.toString());
    }

    @Override
    public void mrcPoint(MrcPoint row) {
      rows.add(row.toString());
    }

    @Override
    public boolean commit(Run run) {
      // what a Kafka and a Parquet replay of one trace may differ in: when they ran, and how the trace was checked
      Run timeless = Run.newBuilder(run).setStartedAtNs(0L).setFinishedAtNs(0L).setTraceVerification("").build();
      rows.add(timeless.toString());
      synchronized (RecordingResults.this) {
        boolean complete = run.getStatus().equals(Replay.COMPLETE);
        if (!complete && statuses.getOrDefault(runId, "").equals(Replay.COMPLETE)) {
          return false;
        }
        runs.put(runId, List.copyOf(rows));
        statuses.put(runId, run.getStatus());
        commits.incrementAndGet();
        return true;
      }
    }

    @Override
    public void abort() {}
  }
}
