package io.memreplay.engine.replay;

import java.util.Locale;

/**
 * A replay ran out of heap. The message says how many guest pages its runs tracked, the heap they had,
 * and the heap that would hold the trace's pages, as the {@code -Xmx} option to give.
 */
public final class ReplayOutOfMemoryError extends OutOfMemoryError {

  private static final long serialVersionUID = 1L;

  /**
   * @param trackedPages guest pages all runs together kept state for when the heap ran out
   * @param pageBound the most pages one run of the trace may track ({@link ReplayLimits#pageBound})
   */
  ReplayOutOfMemoryError(long trackedPages, int policies, long pageBound, long heapBytes) {
    super(message(trackedPages, policies, pageBound, heapBytes));
  }

  private static String message(long trackedPages, int policies, long pageBound, long heapBytes) {
    // the heap beyond the fixed part was full with what the runs tracked: scale that to every page they may track
    long mayTrack = pageBound * policies;
    long perRunState = heapBytes - ReplayLimits.BASE_BYTES;
    long need = trackedPages > 0 && mayTrack > trackedPages && perRunState > 0
        ? (long) ((ReplayLimits.BASE_BYTES + perRunState * (mayTrack / (double) trackedPages)) / ReplayLimits.USABLE_HEAP)
        : 2 * heapBytes;
    return String.format(Locale.ROOT, "out of memory after tracking %,d guest pages (4 KB) under %d %s in a heap of %s"
            + " (the trace may make %s track up to %,d); run it again with MEMREPLAY_JAVA_OPTS=-Xmx%s",
        trackedPages, policies, policies == 1 ? "policy" : "policies", ReplayLimits.size(heapBytes),
        policies == 1 ? "it" : "them", mayTrack, ReplayLimits.heapOption(need));
  }
}
