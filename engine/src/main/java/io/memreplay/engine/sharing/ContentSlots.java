package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.Hashing;

/**
 * The contents of one salt group by hash: an open-addressing table of one long per entry, the high 32 bits
 * of the content's hash beside an int payload (never 0) that says where the rest is — a page that holds the
 * content alone, or a record of several holders ({@link ContentIndex}). An entry's full hash is read from
 * there, through {@link Keys}, only when the high bits match. Linear probing by the high bits alone, so that
 * growing never reads a page; removal shifts entries back instead of leaving tombstones. The table is half to
 * three quarters full (it grows by half when it would be fuller), so a distinct content costs 11 to 16
 * bytes, 13 on average.
 */
final class ContentSlots {

  /** Where the full hash of an entry's content is. */
  interface Keys {
    long hashOf(int payload);
  }

  private static final double LOAD_FACTOR = 0.75;

  private final Keys keys;
  private long[] slots = new long[1 << 10];
  private int size;

  ContentSlots(Keys keys) {
    this.keys = keys;
  }

  int size() {
    return size;
  }

  /** The position of {@code hash}'s entry, or, when it has none, {@code ~p} with p the empty slot it would take. */
  int find(long hash) {
    long[] s = slots;
    long tag = hash >>> 32;
    int at = home(tag);
    while (true) {
      long slot = s[at];
      int payload = (int) slot;
      if (payload == 0) {
        return ~at;
      }
      if (slot >>> 32 == tag && keys.hashOf(payload) == hash) {
        return at;
      }
      at = next(at);
    }
  }

  /** The slot where a search for {@code hash} starts, as it is: read ahead of a search to warm its cache line. */
  long slotOf(long hash) {
    return slots[home(hash >>> 32)];
  }

  int payloadAt(int position) {
    return (int) slots[position];
  }

  void setPayload(int position, int payload) {
    slots[position] = (slots[position] & 0xFFFF_FFFF_0000_0000L) | (payload & 0xFFFF_FFFFL);
  }

  /** Adds {@code hash} with {@code payload} at the empty slot {@code ~absent} that {@link #find} returned. */
  void insert(int absent, long hash, int payload) {
    slots[~absent] = (hash & 0xFFFF_FFFF_0000_0000L) | (payload & 0xFFFF_FFFFL);
    if (++size > slots.length * LOAD_FACTOR) {
      grow();
    }
  }

  /** Removes the entry at {@code position}. */
  void remove(int position) {
    long[] s = slots;
    int gap = position;
    int at = gap;
    while (true) {
      at = next(at);
      long slot = s[at];
      if ((int) slot == 0) {
        break;
      }
      int home = home(slot >>> 32);
      // the entry may fill the gap unless its home lies cyclically within (gap, at]
      boolean homeBetween = gap <= at ? (gap < home && home <= at) : (gap < home || home <= at);
      if (!homeBetween) {
        s[gap] = slot;
        gap = at;
      }
    }
    s[gap] = 0;
    size--;
  }

  /** The slot a search for a content with these high bits starts at: their mix, scaled to the table. */
  private int home(long tag) {
    return (int) ((Hashing.mix(tag) >>> 32) * slots.length >>> 32);
  }

  private int next(int at) {
    return at + 1 == slots.length ? 0 : at + 1;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length + old.length / 2];
    for (long slot : old) {
      if ((int) slot != 0) {
        int at = home(slot >>> 32);
        while (slots[at] != 0) {
          at = next(at);
        }
        slots[at] = slot;
      }
    }
  }
}
