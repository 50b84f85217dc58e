package io.memreplay.engine.primitives;

import java.util.Arrays;

/** Longs by dense index, in blocks allocated as they are needed (see {@link PagedColumn}). Not thread-safe. */
public final class PagedLongs extends PagedColumn {

  private final long empty;
  private long[][] values = new long[4][];

  /** @param empty the value of a slot never set */
  public PagedLongs(long empty) {
    this.empty = empty;
  }

  public long get(int index) {
    return values[index >>> SHIFT][index & MASK];
  }

  public void set(int index, long value) {
    values[index >>> SHIFT][index & MASK] = value;
  }

  @Override
  void growDirectory(int blockCount) {
    values = grown(values, blockCount);
  }

  @Override
  void allocate(int block) {
    long[] slots = new long[BLOCK];
    if (empty != 0) {
      Arrays.fill(slots, empty);
    }
    values[block] = slots;
  }
}
