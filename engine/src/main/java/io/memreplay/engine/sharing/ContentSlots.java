package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.Hashing;

/**
 * The contents of one salt group by hash: an open-addressing table whose entry is an int payload (never 0)
 * that says where the content's hash is — a page that holds the content alone, or a record of several
 * holders ({@link ContentIndex}) — and one byte, the entry's distance from the slot its search starts at
 * (its home). The hash itself is read from the payload, through {@link Keys}: the table keeps no copy of it,
 * which is what makes an entry 5 bytes rather than 8 or 12. A search compares a hash only with the entries
 * whose home is its own (the byte tells them apart without reading anything else), so it reads one hash, its
 * own, nearly always. Removal shifts entries back instead of leaving tombstones, and knows each entry's home
 * from its byte. Only growing reads every entry's hash, a few dozen at a time so that their cache misses
 * overlap. The table is half to three quarters full (it grows by half when it would be fuller), so a distinct
 * content costs 6.7 to 10 bytes, 8 on average.
 */
final class ContentSlots {

  /** Where the full hash of an entry's content is. */
  interface Keys {
    long hashOf(int payload);
  }

  private static final double LOAD_FACTOR = 0.75;
  /** A slot's byte: 0 when empty, else 1 + the entry's distance from its home. */
  private static final int EMPTY = 0;
  /** The farthest an entry may lie from its home; an insert that would go farther grows the table first. */
  private static final int MAX_DISTANCE = 254;
  /** Entries whose hashes {@link #grow} reads before placing any of them. */
  private static final int GROW_BATCH = 64;

  private final Keys keys;
  private int[] payloads = new int[1 << 10];
  private byte[] distances = new byte[1 << 10];
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
    byte[] d = distances;
    int at = home(hash);
    for (int distance = 0; ; distance++) {
      int stored = d[at] & 0xFF;
      if (stored == EMPTY) {
        return ~at;
      }
      if (stored == distance + 1 && keys.hashOf(p[at]) == hash) {
        return at;
      }
      at = next(at);
    }
  }

  /** What a search for {@code hash} reads first, as it is: read ahead of a search to warm its cache lines. */
  long slotOf(long hash) {
    int at = home(hash);
    return payloads[at] + distances[at];
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
    int distance = distance(home(hash), at);
    while (distance > MAX_DISTANCE) {
      grow();
      at = ~find(hash);
      distance = distance(home(hash), at);
    }
    payloads[at] = payload;
    distances[at] = (byte) (distance + 1);
    size++;
  }

  /** Removes the entry at {@code position}. */
  void remove(int position) {
    int[] p = payloads;
    byte[] d = distances;
    int gap = position;
    int at = gap;
    while (true) {
      at = next(at);
      int stored = d[at] & 0xFF;
      if (stored == EMPTY) {
        break;
      }
      int moved = distance(gap, at);
      // the entry may fill the gap unless that would put it before its home
      if (moved < stored) {
        p[gap] = p[at];
        d[gap] = (byte) (stored - moved);
        gap = at;
      }
    }
    p[gap] = 0;
    d[gap] = EMPTY;
    size--;
  }

  /** The slot a search for {@code hash} starts at: its mix, scaled to the table. */
  private int home(long hash) {
    return (int) ((Hashing.mix(hash) >>> 32) * payloads.length >>> 32);
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
    byte[] oldDistances = distances;
    int length = oldPayloads.length + oldPayloads.length / 2;
    while (!placeAll(oldPayloads, oldDistances, length)) {
      length += length / 2;
    }
  }

  /** Fills new arrays of {@code length} slots with the entries; false, leaving the old, if one lies too far. */
  private boolean placeAll(int[] oldPayloads, byte[] oldDistances, int length) {
    payloads = new int[length];
    distances = new byte[length];
    int[] batch = new int[GROW_BATCH];
    long[] hashes = new long[GROW_BATCH];
    int count = 0;
    for (int i = 0; i < oldPayloads.length; i++) {
      if (oldDistances[i] != EMPTY) {
        batch[count++] = oldPayloads[i];
      }
      if (count == GROW_BATCH || (i == oldPayloads.length - 1 && count > 0)) {
        for (int k = 0; k < count; k++) {
          hashes[k] = keys.hashOf(batch[k]);
        }
        for (int k = 0; k < count; k++) {
          if (!place(hashes[k], batch[k])) {
            payloads = oldPayloads;
            distances = oldDistances;
            return false;
          }
        }
        count = 0;
      }
    }
    return true;
  }

  private boolean place(long hash, int payload) {
    int home = home(hash);
    int at = home;
    while (distances[at] != EMPTY) {
      at = next(at);
    }
    int distance = distance(home, at);
    if (distance > MAX_DISTANCE) {
      return false;
    }
    payloads[at] = payload;
    distances[at] = (byte) (distance + 1);
    return true;
  }
}
