package io.memreplay.bench;

import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;

/**
 * Results that go nowhere, so that a replay is timed without writing Parquet. Result rows are few (one
 * per VM per output interval) next to the accesses that make them, so dropping them hides no engine
 * work. Stateless, hence one instance serves every run of a replay.
 */
final class DiscardingOutput implements ReplayOutput, RunOutput {

  @Override
  public RunOutput openRun(String runId, String policy) {
    return this;
  }

  @Override
  public void reject(Reject reject) {}

  @Override
  public void finish() {}

  @Override
  public void vmInterval(VmInterval row) {}

  @Override
  public void hostInterval(HostInterval row) {}

  @Override
  public void translation(TranslationInterval row) {}

  @Override
  public void workingSet(WorkingSet row) {}

  @Override
  public void mrcPoint(MrcPoint row) {}

  @Override
  public boolean commit(Run run) {
    return true;
  }

  @Override
  public void abort() {}
}
