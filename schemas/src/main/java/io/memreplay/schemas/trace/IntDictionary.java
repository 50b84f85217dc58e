package io.memreplay.schemas.trace;

import java.util.Arrays;

/**
 * The dictionary of one column chunk: distinct int values numbered in order of first appearance. Small
 * non-negative values, which most dictionary columns hold (VM and CPU ids, access sizes, enum
 * ordinals), are looked up in a direct table; others in an open-addressing hash table of primitives.
 * Either way a lookup costs no boxing and no virtual call.
 */
final class IntDictionary {

  /** Values below this are small. */
  private static final int SMALL = 1024;

  /** Per small value, its id plus one; 0 when absent. */
  private final int[] smallIds = new int[SMALL];
  /** Per slot, the id of the other value hashed there plus one; 0 marks an empty slot. */
  private int[] slots = new int[64];
  private int[] values = new int[32];
  private int size;
  private int large;

  /** The id of {@code value}, adding it when new. */
  int idOf(int value) {
    if (isSmall(value)) {
      int entry = smallIds[value];
      return entry != 0 ? entry - 1 : addSmall(value);
    }
    int mask = slots.length - 1;
    for (int slot = slot(value, mask); ; slot = (slot + 1) & mask) {
      int entry = slots[slot];
      if (entry == 0) {
        return addLarge(value, slot);
      }
      if (values[entry - 1] == value) {
        return entry - 1;
      }
    }
  }

  int size() {
    return size;
  }

  /** The value numbered {@code id}. */
  int value(int id) {
    return values[id];
  }

  private static boolean isSmall(int value) {
    return Integer.compareUnsigned(value, SMALL) < 0;
  }

  private int addSmall(int value) {
    int id = append(value);
    smallIds[value] = id + 1;
    return id;
  }

  private int addLarge(int value, int slot) {
    int id = append(value);
    slots[slot] = id + 1;
    if (++large * 2 > slots.length) {
      rehash(slots.length * 2);
    }
    return id;
  }

  private int append(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size] = value;
    return size++;
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    int mask = capacity - 1;
    for (int id = 0; id < size; id++) {
      if (isSmall(values[id])) {
        continue;
      }
      int slot = slot(values[id], mask);
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = id + 1;
    }
  }

  /** Spreads nearby values over the whole table (Fibonacci hashing). */
  private static int slot(int value, int mask) {
    int hash = value * 0x9E3779B9;
    return (hash ^ hash >>> 16) & mask;
  }
}
