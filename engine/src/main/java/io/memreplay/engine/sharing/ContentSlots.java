package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.Hashing;

/**
 * The contents of one salt group by hash: an open-addressing table whose entry is an int payload (never 0)
 * that says where the content's hash is — a page that holds the content alone, or a record of several
 * holders ({@link ContentIndex}) — and a 16-bit mark: the entry's distance from the slot its search starts
 * at (its home) and 8 more bits of its hash. The hash itself is read from the payload, through {@link Keys}:
 * the table keeps no copy of it, which is what makes an entry 6 bytes rather than 8 or 12. A search reads a
 * hash only for an entry of its own home and its 8 bits (one in 256 of the others), so it reads one hash, its
 * own, nearly always, and none when the content is new. Removal shifts entries back instead of leaving
 * tombstones, and knows each entry's home from its mark. Only growing reads every entry's hash, a few dozen
 * at a time so that their cache misses overlap. The table is half to three quarters full (it grows by half
 * when it would be fuller), so a distinct content costs 8 to 12 bytes, 10 on average.
 */
final class ContentSlots {

  /** Where the full hash of an entry's content is. */
  interface Keys {
    long hashOf(int payload);
  }

  private static final double LOAD_FACTOR = 0.75;
  /** A mark's low byte: 0 when the slot is empty, else 1 + the entry's distance from its home. */
  private static final int EMPTY = 0;
  private static final int DISTANCE_MASK = 0xFF;
  /** The farthest an entry may lie from its home; an insert that would go farther grows the table first. */
  private static final int MAX_DISTANCE = 254;
  /** Entries whose hashes {@link #grow} reads before placing any of them. */
  private static final int GROW_BATCH = 64;

  private final Keys keys;
  private int[] payloads = new int[1 << 10];
  /** By slot: the entry's 8 bits of hash in the high byte, 1 + its distance from its home in the low. */
  private char[] marks = new char[1 << 10];
  private int size;

  ContentSlots(Keys keys) {
    this.keys = keys;
  }

  int size() {
    return size;
  }

  /** The position of {@code hash}'s entry, or, when it has none, {@code ~p} with p the empty slot it would take. */
  int find(long hash) {
    int[] p = payloads;
    char[] m = marks;
    long mixed = Hashing.mix(hash);
    int at = home(mixed);
    int wanted = tag(mixed) + 1;
    while (true) {
      int mark = m[at];
      if ((mark & DISTANCE_MASK) == EMPTY) {
        return ~at;
      }
      if (mark == wanted && keys.hashOf(p[at]) == hash) {
        return at;
      }
      at = next(at);
      wanted++;
      if ((wanted & DISTANCE_MASK) == 0) {
        // farther than any entry lies from its home
        return ~emptyAfter(at);
      }
    }
  }

  /** The first empty slot from {@code at} on. */
  private int emptyAfter(int at) {
    while ((marks[at] & DISTANCE_MASK) != EMPTY) {
      at = next(at);
    }
    return at;
  }

  /** What a search for {@code hash} reads first, as it is: read ahead of a search to warm its cache lines. */
  long slotOf(long hash) {
    int at = home(Hashing.mix(hash));
    return payloads[at] + marks[at];
  }

  int payloadAt(int position) {
    return payloads[position];
  }

  void setPayload(int position, int payload) {
    payloads[position] = payload;
  }

  /** Adds {@code hash} with {@code payload} at the empty slot {@code ~absent} that {@link #find} returned. */
  void insert(int absent, long hash, int payload) {
    int at = ~absent;
    if (size + 1 > payloads.length * LOAD_FACTOR) {
      grow();
      at = ~find(hash);
    }
    long mixed = Hashing.mix(hash);
    int distance = distance(home(mixed), at);
    while (distance > MAX_DISTANCE) {
      grow();
      at = ~find(hash);
      distance = distance(home(mixed), at);
    }
    payloads[at] = payload;
    marks[at] = (char) (tag(mixed) + distance + 1);
    size++;
  }

  /** Removes the entry at {@code position}. */
  void remove(int position) {
    int[] p = payloads;
    char[] m = marks;
    int gap = position;
    int at = gap;
    while (true) {
      at = next(at);
      int mark = m[at];
      int stored = mark & DISTANCE_MASK;
      if (stored == EMPTY) {
        break;
      }
      int moved = distance(gap, at);
      // the entry may fill the gap unless that would put it before its home
      if (moved < stored) {
        p[gap] = p[at];
        m[gap] = (char) (mark - moved);
        gap = at;
      }
    }
    p[gap] = 0;
    m[gap] = EMPTY;
    size--;
  }

  /** The slot a search for a hash of this mix starts at: the mix's high half, scaled to the table. */
  private int home(long mixed) {
    return (int) ((mixed >>> 32) * payloads.length >>> 32);
  }

  /** The 8 bits of a hash of this mix that its mark keeps, in the mark's high byte. */
  private static int tag(long mixed) {
    return (int) mixed & 0xFF00;
  }

  private int next(int at) {
    return at + 1 == payloads.length ? 0 : at + 1;
  }

  /** Steps from slot {@code from} forward to slot {@code to}, wrapping at the table's end. */
  private int distance(int from, int to) {
    return to >= from ? to - from : to + payloads.length - from;
  }

  /**
   * Moves every entry into a table half as large again (larger still, in the unlikely case that an entry
   * would lie more than {@value #MAX_DISTANCE} slots from its home). The hashes of a batch of entries are read
   * before any is placed: they lie in random pages, and reading them together overlaps their cache misses.
   */
  private void grow() {
    int[] oldPayloads = payloads;
    char[] oldMarks = marks;
    int length = oldPayloads.length + oldPayloads.length / 2;
    while (!placeAll(oldPayloads, oldMarks, length)) {
      length += length / 2;
    }
  }

  /** Fills new arrays of {@code length} slots with the entries; false, leaving the old, if one lies too far. */
  private boolean placeAll(int[] oldPayloads, char[] oldMarks, int length) {
    payloads = new int[length];
    marks = new char[length];
    int[] batch = new int[GROW_BATCH];
    long[] hashes = new long[GROW_BATCH];
    int count = 0;
    for (int i = 0; i < oldPayloads.length; i++) {
      if ((oldMarks[i] & DISTANCE_MASK) != EMPTY) {
        batch[count++] = oldPayloads[i];
      }
      if (count == GROW_BATCH || (i == oldPayloads.length - 1 && count > 0)) {
        for (int k = 0; k < count; k++) {
          hashes[k] = keys.hashOf(batch[k]);
        }
        for (int k = 0; k < count; k++) {
          if (!place(hashes[k], batch[k])) {
            payloads = oldPayloads;
            marks = oldMarks;
            return false;
          }
        }
        count = 0;
      }
    }
    return true;
  }

  private boolean place(long hash, int payload) {
    long mixed = Hashing.mix(hash);
    int home = home(mixed);
    int at = emptyAfter(home);
    int distance = distance(home, at);
    if (distance > MAX_DISTANCE) {
      return false;
    }
    payloads[at] = payload;
    marks[at] = (char) (tag(mixed) + distance + 1);
    return true;
  }
}
