package io.memreplay.engine.primitives;

import java.util.Arrays;

/**
 * What the paged columns share: values by dense index in blocks of {@value #BLOCK} entries, allocated as
 * the indices in use grow. Per-page state lives in such columns so that it grows with the pages a replay
 * tracks, one block at a time: no doubling copy leaves half an array unused, or holds both copies at once
 * while it grows.
 */
abstract class PagedColumn {

  static final int SHIFT = 14;
  static final int BLOCK = 1 << SHIFT;
  static final int MASK = BLOCK - 1;

  /** Blocks allocated: every index below {@code blocks × BLOCK} has a slot. */
  int blocks;

  /** Makes sure every index below {@code size} has a slot; new slots hold the column's empty value. */
  public final void ensure(int size) {
    while ((long) blocks << SHIFT < size) {
      growDirectory(blocks + 1);
      allocate(blocks++);
    }
  }

  /** Indices with a slot: at least every index {@link #ensure}d. */
  public final int capacity() {
    return blocks << SHIFT;
  }

  abstract void growDirectory(int blockCount);

  abstract void allocate(int block);

  static int directorySize(int current, int needed) {
    return Math.max(needed, Math.max(4, current * 2));
  }

  static <T> T[] grown(T[] directory, int needed) {
    return needed <= directory.length ? directory : Arrays.copyOf(directory, directorySize(directory.length, needed));
  }
}
