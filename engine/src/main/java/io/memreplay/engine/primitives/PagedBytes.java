package io.memreplay.engine.primitives;

/** Bytes by dense index, 0 until set, in blocks allocated as they are needed (see {@link PagedColumn}). Not thread-safe. */
public final class PagedBytes extends PagedColumn {

  private byte[][] values = new byte[4][];

  public byte get(int index) {
    return values[index >>> SHIFT][index & MASK];
  }

  public void set(int index, byte value) {
    values[index >>> SHIFT][index & MASK] = value;
  }

  /** Whether every bit of {@code flag} is set at {@code index}. */
  public boolean has(int index, int flag) {
    return (get(index) & flag) == flag;
  }

  /** Sets or clears the bits of {@code flag} at {@code index}. */
  public void put(int index, int flag, boolean on) {
    byte[] block = values[index >>> SHIFT];
    int slot = index & MASK;
    block[slot] = (byte) (on ? block[slot] | flag : block[slot] & ~flag);
  }

  @Override
  void growDirectory(int blockCount) {
    values = grown(values, blockCount);
  }

  @Override
  void allocate(int block) {
    values[block] = new byte[BLOCK];
  }
}
