package io.memreplay.engine.replay;

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

/** Keeps every row in memory, by policy; remembers commits and aborts. */
final class RecordingOutput implements ReplayOutput {

  final Map<String, RecordedRun> runs = Collections.synchronizedMap(new LinkedHashMap<>());
  final List<Reject> rejects = Collections.synchronizedList(new ArrayList<>());
  boolean finished;

  @Override
  public RunOutput openRun(String runId, String policy) {
    RecordedRun run = new RecordedRun(runId);
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

    RecordedRun(String runId) {
      this.runId = runId;
    }

    @Override
    public void vmInterval(VmInterval row) {
      vmIntervals.add(row);
    }

    @Override
    public void hostInterval(HostInterval row) {
      hostIntervals.add(row);
    }

    @Override
    public void translation(TranslationInterval row) {
      translations.add(row);
    }

    @Override
    public void workingSet(WorkingSet row) {
      workingSets.add(row);
    }

    @Override
    public void mrcPoint(MrcPoint row) {
      mrcPoints.add(row);
    }

    @Override
    public boolean commit(Run run) {
      committed = run;
      return true;
    }

    @Override
    public void abort() {
      aborted = true;
    }
  }
}
