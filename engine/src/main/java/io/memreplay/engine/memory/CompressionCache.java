package io.memreplay.engine.memory;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;

/**
 * One VM's compression cache (docs/model.md "Host memory"): compressed pages in quarter- and half-page
 * slots, packed into frames charged to the VM, at most {@code capacityFrames}; the page compressed longest
 * ago leaves first when it is full. Compressed pages are not read in place (a touch decompresses them), so
 * least recently used is least recently compressed: a queue, from which pages that left the cache by other
 * ways (a touch, the balloon, a power-off) are skipped as they come up. Its memory follows the pages in the
 * cache, not the pages of the VM nor the compressions of the run: only cached pages have a sequence number,
 * and the queue sheds its stale entries whenever they outnumber the live ones.
 */
final class CompressionCache {

  private long capacityFrames;
  private long quarterSlots;
  private long halfSlots;
  /** Compressed pages in the order they came in, each as {@code sequence << 32 | page}. */
  private long[] queue = new long[1 << 10];
  private int head;
  private int tail;
  /**
   * Of each page in the cache: the sequence number of its compression, to tell it from stale queue entries.
   * One entry per compressed page, read only as pages leave the cache: fastutil's map of two int arrays, filled
   * up to 90 %, takes 9 to 18 bytes an entry (the engine's maps for hot lookups 32 to 64).
   */
  private final Int2IntOpenHashMap sequenceOf = new Int2IntOpenHashMap(1 << 6, 0.9f);
  private int nextSequence = 1;

  /** A cache of no capacity until {@link #setCapacityFrames}. */
  CompressionCache() {}

  /** The most frames the cache may fill; a cache above it gives pages up at its next use ({@link PageOperations}). */
  void setCapacityFrames(long frames) {
    capacityFrames = frames;
  }

  long capacityFrames() {
    return capacityFrames;
  }

  /** Frames the slots fill: four quarter slots or two half slots to a frame. */
  long frames() {
    return framesWith(0);
  }

  /** The frames the cache would fill with {@code moreQuarters} more quarter slots (a half slot is two). */
  long framesWith(int moreQuarters) {
    return (quarterSlots + 2 * halfSlots + moreQuarters + 3) / 4;
  }

  void add(int page, boolean quarter) {
    if (quarter) {
      quarterSlots++;
    } else {
      halfSlots++;
    }
    int sequence = nextSequence++;
    sequenceOf.put(page, sequence);
    if (tail == queue.length) {
      compact();
    }
    queue[tail++] = (long) sequence << 32 | page;
  }

  /** The page leaves the cache (decompressed, ballooned, or its VM powered off). */
  void remove(int page, boolean quarter) {
    if (quarter) {
      quarterSlots--;
    } else {
      halfSlots--;
    }
    sequenceOf.remove(page);
  }

  /** The page compressed longest ago that is still in the cache, or -1 when empty; it stays in the cache. */
  int oldest() {
    while (head < tail) {
      long entry = queue[head];
      int page = (int) entry;
      if (sequenceOf.get(page) == (int) (entry >>> 32)) {
        return page;
      }
      head++;
    }
    return -1;
  }

  void clear() {
    quarterSlots = 0;
    halfSlots = 0;
    head = 0;
    tail = 0;
    sequenceOf.clear();
  }

  /**
   * The queue is full: keeps its live entries, in order, at its start, in an array twice their number
   * (at least the initial size), so that stale entries never pile up.
   */
  private void compact() {
    int live = 0;
    for (int i = head; i < tail; i++) {
      if (sequenceOf.get((int) queue[i]) == (int) (queue[i] >>> 32)) {
        queue[live++] = queue[i];
      }
    }
    int size = Math.max(1 << 10, 2 * live);
    queue = Arrays.copyOf(queue, size);
    head = 0;
    tail = live;
  }
}
