package io.memreplay.ingest.kafka;

import io.memreplay.engine.replay.ReplayOutput;
import java.io.IOException;

/**
 * Where the replays of a worker write: one {@link ReplayOutput} per replay id (a host's trace, or the
 * rejects of messages no replay could use). The cli gives a Parquet results dataset; outputs that are
 * {@link AutoCloseable} are closed after the replay, finished or not.
 */
@FunctionalInterface
public interface ResultsSink {

  ReplayOutput open(String replayId) throws IOException;
}
