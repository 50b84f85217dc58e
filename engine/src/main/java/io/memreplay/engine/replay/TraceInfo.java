package io.memreplay.engine.replay;

import java.util.List;

/**
 * What a trace source knows about its trace before reading it.
 *
 * @param traceId the trace's name
 * @param digest content digest, identifies the trace in results
 * @param verification how the source checked that the events are those the digest names: full, cheap or
 *     trusted for a trace dataset (see {@code Verification}), publisher for a Kafka topic (the start
 *     marker's digest, as its publisher stated it)
 * @param identity what names the trace's content in run ids: the digest itself when verified in full or
 *     stated by a publisher, otherwise a digest marked with how little was checked
 * @param host the host the trace recorded
 * @param vmIds VM ids the trace holds records for
 * @param startNs first event time
 * @param endNs last event time
 * @param events total events of all kinds, or -1 when unknown (a live stream)
 */
public record TraceInfo(String traceId, String digest, String verification, String identity, String host,
    List<Integer> vmIds, long startNs, long endNs, long events) {

  /** How a source that checks nothing says so. */
  public static final String UNVERIFIED = "unverified";

  /** A trace whose digest is taken as it is. */
  public TraceInfo(String traceId, String digest, String host, List<Integer> vmIds, long startNs, long endNs,
      long events) {
    this(traceId, digest, UNVERIFIED, digest, host, vmIds, startNs, endNs, events);
  }

  /** The same trace, ending at {@code lastNs}: what a live source learns at the end of its stream. */
  public TraceInfo withEnd(long lastNs) {
    return new TraceInfo(traceId, digest, verification, identity, host, vmIds, startNs, lastNs, events);
  }
}
