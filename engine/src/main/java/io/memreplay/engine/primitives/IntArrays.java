package io.memreplay.engine.primitives;

import java.util.Arrays;

/** Int arrays indexed by dense ids (pages, regions) that start filled with a "nothing yet" value and grow on demand. */
public final class IntArrays {

  private IntArrays() {}

  /** An array of {@code size} slots, each holding {@code empty}. */
  public static int[] filled(int size, int empty) {
    int[] values = new int[size];
    Arrays.fill(values, empty);
    return values;
  }

  /** {@code values} doubled in size until slot {@code index} exists; new slots hold {@code empty}. */
  public static int[] grownToHold(int[] values, int index, int empty) {
    int size = values.length;
    while (size <= index) {
      size *= 2;
    }
    int[] grown = Arrays.copyOf(values, size);
    Arrays.fill(grown, values.length, size, empty);
    return grown;
  }
}
