package io.memreplay.engine.replay;

import java.util.List;

/**
 * What a trace source knows about its trace before reading it.
 *
 * @param traceId the trace's name
 * @param digest content digest, identifies the trace in results
 * @param host the host the trace recorded
 * @param vmIds VM ids the trace holds records for
 * @param startNs first event time
 * @param endNs last event time
 * @param events total events of all kinds, or -1 when unknown (a live stream)
 */
public record TraceInfo(String traceId, String digest, String host, List<Integer> vmIds, long startNs, long endNs,
    long events) {}
