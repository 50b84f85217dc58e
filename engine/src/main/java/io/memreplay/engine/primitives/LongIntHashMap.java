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
    int slot = slot(key);
    return keys[slot] == key ? values[slot] : missing;
  }

  public boolean containsKey(long key) {
    return key == EMPTY ? hasSentinel : keys[slot(key)] == key;
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
    int slot = slot(key);
    if (keys[slot] == key) {
      values[slot] = value;
    } else {
      insert(slot, key, value);
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
    int slot = slot(key);
    if (keys[slot] == key) {
      return values[slot];
    }
    insert(slot, key, valueIfAbsent);
    return valueIfAbsent;
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
    int slot = slot(key);
    if (keys[slot] == key) {
      return values[slot] += delta;
    }
    insert(slot, key, delta);
    return delta;
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
    int slot = slot(key);
    if (keys[slot] != key) {
      return missing;
    }
    int value = values[slot];
    shiftBack(slot);
    size--;
    return value;
  }

  /** The slot holding {@code key}, or the empty slot where it would go; {@code key} is not {@link #EMPTY}. */
  private int slot(long key) {
    long[] k = keys;
    int slot = (int) Hashing.mix(key) & mask;
    while (k[slot] != key && k[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void insert(int slot, long key, int value) {
    keys[slot] = key;
    values[slot] = value;
    if (++size > resizeAt) {
      rehash(keys.length << 1);
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
    for (int i = 0; i < oldKeys.length; i++) {
      long key = oldKeys[i];
      if (key != EMPTY) {
        int slot = slot(key);
        keys[slot] = key;
        values[slot] = oldValues[i];
      }
    }
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
