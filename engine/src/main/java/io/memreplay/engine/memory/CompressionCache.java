package io.memreplay.engine.memory;

import java.util.Arrays;

/**
 * One VM's compression cache (docs/model.md "Host memory"): compressed pages in quarter- and half-page
 * slots, packed into frames charged to the VM, at most {@code capacityFrames}; the page compressed longest
 * ago leaves first when it is full. Compressed pages are not read in place (a touch decompresses them), so
 * least recently used is least recently compressed: a queue, from which pages that left the cache by other
 * ways (a touch, the balloon, a power-off) are skipped as they come up.
 */
final class CompressionCache {

  private final long capacityFrames;
  private long quarterSlots;
  private long halfSlots;
  /** Compressed pages in the order they came in, each as {@code sequence << 32 | page}. */
  private long[] queue = new long[1 << 10];
  private int head;
  private int tail;
  /** By page: the sequence number of its latest compression, to tell it from stale queue entries. */
  private int[] sequenceOf = new int[1 << 12];
  private int nextSequence = 1;

  CompressionCache(long capacityFrames) {
    this.capacityFrames = capacityFrames;
  }

  long capacityFrames() {
    return capacityFrames;
  }

  /** Frames the slots fill: four quarter slots or two half slots to a frame. */
  long frames() {
    return (quarterSlots + 2 * halfSlots + 3) / 4;
  }

  /** The frames the cache would fill with one more page in a slot of this size. */
  long framesWith(boolean quarter) {
    return (quarterSlots + 2 * halfSlots + (quarter ? 1 : 2) + 3) / 4;
  }

  void add(int page, boolean quarter) {
    if (quarter) {
      quarterSlots++;
    } else {
      halfSlots++;
    }
    if (page >= sequenceOf.length) {
      sequenceOf = Arrays.copyOf(sequenceOf, Math.max(sequenceOf.length * 2, page + 1));
    }
    int sequence = nextSequence++;
    sequenceOf[page] = sequence;
    if (tail - head == queue.length) {
      compact(queue.length * 2);
    } else if (tail == queue.length) {
      compact(queue.length);
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
    sequenceOf[page] = 0;
  }

  /** The page compressed longest ago that is still in the cache, or -1 when empty; it stays in the cache. */
  int oldest() {
    while (head < tail) {
      long entry = queue[head];
      int page = (int) entry;
      if (sequenceOf[page] == (int) (entry >>> 32)) {
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
    Arrays.fill(sequenceOf, 0);
  }

  private void compact(int size) {
    long[] next = new long[size];
    System.arraycopy(queue, head, next, 0, tail - head);
    tail -= head;
    head = 0;
    queue = next;
  }
}
