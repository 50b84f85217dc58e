package io.memreplay.engine.replay;

import io.memreplay.schemas.avro.Run;
import java.util.List;

/**
 * What a replay did.
 *
 * @param replayId names the replay and its rejects
 * @param runs the committed {@code runs} rows, one per policy, in the order the policies were given
 * @param rejected input rows that went to rejects
 */
public record ReplayResult(String replayId, List<Run> runs, long rejected) {}
