package io.memreplay.engine.primitives;

import java.util.Arrays;

/**
 * A map from long keys to int values with open addressing and linear probing; removal shifts entries
 * back instead of leaving tombstones, so lookups stay short under churn. Any long is a valid key.
 * Not thread-safe.
 */
public final class LongIntHashMap {

  private static final float LOAD_FACTOR = 0.5f;
  /** Marks an empty slot; the key equal to it is kept aside in {@link #sentinelValue}. */
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private int[] values;
  private int mask;
  private int size;
  private int resizeAt;
  private boolean hasSentinel;
  private int sentinelValue;

  public LongIntHashMap() {
    this(16);
  }

  public LongIntHashMap(int expectedEntries) {
    allocate(Hashing.tableSize(expectedEntries, LOAD_FACTOR));
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    values = new int[capacity];
    mask = capacity - 1;
    resizeAt = (int) (capacity * LOAD_FACTOR);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** The value of {@code key}, or {@code missing} when absent. */
  public int get(long key, int missing) {
    if (key == EMPTY) {
      return hasSentinel ? sentinelValue : missing;
    }
    long[] k = keys;
    int slot = (int) Hashing.mix(key) & mask;
    while (true) {
      long found = k[slot];
      if (found == key) {
        return values[slot];
      }
      if (found == EMPTY) {
        return missing;
      }
      slot = (slot + 1) & mask;
    }
  }

  public boolean containsKey(long key) {
    if (key == EMPTY) {
      return hasSentinel;
    }
    int slot = (int) Hashing.mix(key) & mask;
    while (true) {
      long found = keys[slot];
      if (found == key) {
        return true;
      }
      if (found == EMPTY) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Sets {@code key} to {@code value}. */
  public void put(long key, int value) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        hasSentinel = true;
        size++;
      }
      sentinelValue = value;
      return;
    }
    int slot = (int) Hashing.mix(key) & mask;
    while (true) {
      long found = keys[slot];
      if (found == key) {
        values[slot] = value;
        return;
      }
      if (found == EMPTY) {
        keys[slot] = key;
        values[slot] = value;
        if (++size > resizeAt) {
          rehash(keys.length << 1);
        }
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The value of {@code key}; when absent, first maps it to {@code valueIfAbsent}. The common "index of
   * this page, assigning the next index to a new page" in one probe sequence.
   */
  public int putIfAbsent(long key, int valueIfAbsent) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        hasSentinel = true;
        sentinelValue = valueIfAbsent;
        size++;
      }
      return sentinelValue;
    }
    long[] k = keys;
    int slot = (int) Hashing.mix(key) & mask;
    while (true) {
      long found = k[slot];
      if (found == key) {
        return values[slot];
      }
      if (found == EMPTY) {
        k[slot] = key;
        values[slot] = valueIfAbsent;
        if (++size > resizeAt) {
          rehash(keys.length << 1);
        }
        return valueIfAbsent;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Adds {@code delta} to the value of {@code key} (absent counts as 0) and returns the new value. */
  public int addTo(long key, int delta) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        hasSentinel = true;
        sentinelValue = 0;
        size++;
      }
      return sentinelValue += delta;
    }
    int slot = (int) Hashing.mix(key) & mask;
    while (true) {
      long found = keys[slot];
      if (found == key) {
        return values[slot] += delta;
      }
      if (found == EMPTY) {
        keys[slot] = key;
        values[slot] = delta;
        if (++size > resizeAt) {
          rehash(keys.length << 1);
        }
        return delta;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Removes {@code key}; returns its value, or {@code missing} when it was absent. */
  public int remove(long key, int missing) {
    if (key == EMPTY) {
      if (!hasSentinel) {
        return missing;
      }
      hasSentinel = false;
      size--;
      return sentinelValue;
    }
    int slot = (int) Hashing.mix(key) & mask;
    while (true) {
      long found = keys[slot];
      if (found == EMPTY) {
        return missing;
      }
      if (found == key) {
        int value = values[slot];
        shiftBack(slot);
        size--;
        return value;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Closes the gap at {@code hole} by moving back later entries of the probe run that may move there. */
  private void shiftBack(int hole) {
    long[] k = keys;
    int gap = hole;
    int slot = gap;
    while (true) {
      slot = (slot + 1) & mask;
      long key = k[slot];
      if (key == EMPTY) {
        break;
      }
      int home = (int) Hashing.mix(key) & mask;
      // The entry may fill the gap unless its home lies cyclically within (gap, slot].
      boolean homeBetween = gap <= slot ? (gap < home && home <= slot) : (gap < home || home <= slot);
      if (!homeBetween) {
        k[gap] = key;
        values[gap] = values[slot];
        gap = slot;
      }
    }
    k[gap] = EMPTY;
  }

  public void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
    hasSentinel = false;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    int[] oldValues = values;
    allocate(capacity);
    int moved = hasSentinel ? 1 : 0;
    for (int i = 0; i < oldKeys.length; i++) {
      long key = oldKeys[i];
      if (key != EMPTY) {
        int slot = (int) Hashing.mix(key) & mask;
        while (keys[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = oldValues[i];
        moved++;
      }
    }
    size = moved;
  }

  /** Calls {@code visitor} for every entry, in no particular order. */
  public void forEach(EntryVisitor visitor) {
    if (hasSentinel) {
      visitor.visit(EMPTY, sentinelValue);
    }
    long[] k = keys;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != EMPTY) {
        visitor.visit(k[i], values[i]);
      }
    }
  }

  /** Receives the entries of a map. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(long key, int value);
  }
}
