package io.memreplay.engine.primitives;

/** Unsigned 16-bit values by dense index, 0 until set, in blocks allocated as they are needed (see {@link PagedColumn}). */
public final class PagedChars extends PagedColumn {

  private char[][] values = new char[4][];

  public char get(int index) {
    return values[index >>> SHIFT][index & MASK];
  }

  public void set(int index, char value) {
    values[index >>> SHIFT][index & MASK] = value;
  }

  @Override
  void growDirectory(int blockCount) {
    values = grown(values, blockCount);
  }

  @Override
  void allocate(int block) {
    values[block] = new char[BLOCK];
  }
}
