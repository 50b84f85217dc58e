package io.memreplay.bench;

import io.memreplay.engine.model.Row;
import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Reject;

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
  public void emit(Row row) {}

  @Override
  public boolean commit(Row run) {
    return true;
  }

  @Override
  public void abort() {}
}
