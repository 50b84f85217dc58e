package io.memreplay.engine.primitives;


/**
 * The table behind the primitive maps: long keys to long values with open addressing and linear probing;
 * removal shifts entries back instead of leaving tombstones, so lookups stay short under churn. Any long
 * is a valid key. Not thread-safe.
 *
 * <p>Keys and values are interleaved in one array, so that a lookup that finds its key has the value in
 * the same cache line: in the large maps of the engine every probe is a cache miss, and a second array
 * would double them.
 */
final class LongKeyTable {

  private static final float LOAD_FACTOR = 0.5f;
  /** Marks an empty slot; the key equal to it is kept aside in {@link #sentinelValue}. */
  private static final long EMPTY = Long.MIN_VALUE;

  /** Entry {@code e} has its key at {@code 2e} and its value at {@code 2e + 1}. */
  private long[] table;
  private int mask;
  private int size;
  private int resizeAt;
  private boolean hasSentinel;
  private long sentinelValue;

  LongKeyTable(int expectedEntries) {
    allocate(Hashing.tableSize(expectedEntries, LOAD_FACTOR));
  }

  private void allocate(int capacity) {
    table = new long[capacity * 2];
    for (int i = 0; i < table.length; i += 2) {
      table[i] = EMPTY;
    }
    mask = capacity - 1;
    resizeAt = (int) (capacity * LOAD_FACTOR);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The value of {@code key}, or {@code missing} when absent. */
  long get(long key, long missing) {
    if (key == EMPTY) {
      return hasSentinel ? sentinelValue : missing;
    }
    int at = position(key);
    return table[at] == key ? table[at + 1] : missing;
  }

  boolean containsKey(long key) {
    return key == EMPTY ? hasSentinel : table[position(key)] == key;
  }

  /** Sets {@code key} to {@code value}. */
  void put(long key, long value) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        hasSentinel = true;
        size++;
      }
      sentinelValue = value;
      return;
    }
    int at = position(key);
    if (table[at] == key) {
      table[at + 1] = value;
    } else {
      insert(at, key, value);
    }
  }

  /**
   * The value of {@code key}; when absent, first maps it to {@code valueIfAbsent}. The common "index of
   * this page, assigning the next index to a new page" in one probe sequence.
   */
  long putIfAbsent(long key, long valueIfAbsent) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        hasSentinel = true;
        sentinelValue = valueIfAbsent;
        size++;
      }
      return sentinelValue;
    }
    int at = position(key);
    if (table[at] == key) {
      return table[at + 1];
    }
    insert(at, key, valueIfAbsent);
    return valueIfAbsent;
  }

  /** Adds {@code delta} to the value of {@code key} (absent counts as 0) and returns the new value. */
  long addTo(long key, long delta) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        hasSentinel = true;
        sentinelValue = 0;
        size++;
      }
      return sentinelValue += delta;
    }
    int at = position(key);
    if (table[at] == key) {
      long value = table[at + 1] + delta;
      table[at + 1] = value;
      return value;
    }
    insert(at, key, delta);
    return delta;
  }

  /** Removes {@code key}; returns its value, or {@code missing} when it was absent. */
  long remove(long key, long missing) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        return missing;
      }
      hasSentinel = false;
      size--;
      return sentinelValue;
    }
    int at = position(key);
    if (table[at] != key) {
      return missing;
    }
    long value = table[at + 1];
    shiftBack(at >>> 1);
    size--;
    return value;
  }

  /**
   * The array position of {@code key}'s entry, or of the empty entry where it would go; {@code key} is not
   * {@link #EMPTY}.
   */
  private int position(long key) {
    long[] t = table;
    int entry = (int) Hashing.mix(key) & mask;
    while (t[entry << 1] != key && t[entry << 1] != EMPTY) {
      entry = (entry + 1) & mask;
    }
    return entry << 1;
  }

  private void insert(int at, long key, long value) {
    table[at] = key;
    table[at + 1] = value;
    if (++size > resizeAt) {
      rehash((mask + 1) << 1);
    }
  }

  /** Closes the gap at entry {@code hole} by moving back later entries of the probe run that may move there. */
  private void shiftBack(int hole) {
    long[] t = table;
    int gap = hole;
    int entry = gap;
    while (true) {
      entry = (entry + 1) & mask;
      long key = t[entry << 1];
      if (key == EMPTY) {
        break;
      }
      int home = (int) Hashing.mix(key) & mask;
      // The entry may fill the gap unless its home lies cyclically within (gap, entry].
      boolean homeBetween = gap <= entry ? (gap < home && home <= entry) : (gap < home || home <= entry);
      if (!homeBetween) {
        t[gap << 1] = key;
        t[(gap << 1) + 1] = t[(entry << 1) + 1];
        gap = entry;
      }
    }
    t[gap << 1] = EMPTY;
  }

  void clear() {
    for (int i = 0; i < table.length; i += 2) {
      table[i] = EMPTY;
    }
    size = 0;
    hasSentinel = false;
  }

  private void rehash(int capacity) {
    long[] old = table;
    allocate(capacity);
    for (int i = 0; i < old.length; i += 2) {
      long key = old[i];
      if (key != EMPTY) {
        int at = position(key);
        table[at] = key;
        table[at + 1] = old[i + 1];
      }
    }
  }

  /** Calls {@code visitor} for every entry, in no particular order. */
  void forEach(LongLongHashMap.EntryVisitor visitor) {
    if (hasSentinel) {
      visitor.visit(EMPTY, sentinelValue);
    }
    long[] t = table;
    for (int i = 0; i < t.length; i += 2) {
      if (t[i] != EMPTY) {
        visitor.visit(t[i], t[i + 1]);
      }
    }
  }
}
