package io.memreplay.engine.primitives;

import java.util.Arrays;

/** Ints by dense index, in blocks allocated as they are needed (see {@link PagedColumn}). Not thread-safe. */
public final class PagedInts extends PagedColumn {

  private final int empty;
  private int[][] values = new int[4][];

  /** @param empty the value of a slot never set */
  public PagedInts(int empty) {
    this.empty = empty;
  }

  public int get(int index) {
    return values[index >>> SHIFT][index & MASK];
  }

  public void set(int index, int value) {
    values[index >>> SHIFT][index & MASK] = value;
  }

  @Override
  void growDirectory(int blockCount) {
    values = grown(values, blockCount);
  }

  @Override
  void allocate(int block) {
    int[] slots = new int[BLOCK];
    if (empty != 0) {
      Arrays.fill(slots, empty);
    }
    values[block] = slots;
  }
}
