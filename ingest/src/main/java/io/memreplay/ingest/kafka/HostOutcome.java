package io.memreplay.ingest.kafka;

import io.memreplay.engine.replay.ReplayResult;

/**
 * One host trace a worker replayed completely and published.
 *
 * @param startOffset offset of its start marker
 * @param endOffset offset of its end marker
 */
public record HostOutcome(String host, String traceId, int partition, long startOffset, long endOffset,
    ReplayResult result) {}
