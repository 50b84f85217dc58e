package io.memreplay.schemas.trace;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Bulk decoders for the Parquet encodings memreplay writes, over the bytes of one page section. They
 * decode a whole page into a primitive array in a tight loop, where Parquet's own readers make a
 * virtual call and a bounds-checked buffer read per value.
 *
 * <ul>
 *   <li>RLE / bit-packed hybrid: dictionary ids and definition levels;
 *   <li>DELTA_BINARY_PACKED: 64-bit integers (timestamps, addresses, hashes).
 * </ul>
 */
final class PageBytes {

  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] bytes;
  private final int end;
  private int position;

  PageBytes(byte[] bytes, int from, int end) {
    this.bytes = bytes;
    this.position = from;
    this.end = end;
  }

  int position() {
    return position;
  }

  /** A little-endian 32-bit integer, as V1 pages prefix their level sections with. */
  int readIntLittleEndian() throws IOException {
    require(4);
    int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 | (bytes[position + 2] & 0xFF) << 16
        | (bytes[position + 3] & 0xFF) << 24;
    position += 4;
    return value;
  }

  int readByte() throws IOException {
    require(1);
    return bytes[position++] & 0xFF;
  }

  /** Skips {@code count} bytes. */
  void skip(int count) throws IOException {
    require(count);
    position += count;
  }

  /**
   * Decodes {@code count} values of the RLE / bit-packed hybrid encoding with the given bit width (at
   * most 32) into {@code out}.
   */
  void readHybrid(int bitWidth, int[] out, int count) throws IOException {
    if (bitWidth > 32) {
      throw new IOException("RLE bit width " + bitWidth + " exceeds 32");
    }
    int byteWidth = (bitWidth + 7) >>> 3;
    int n = 0;
    while (n < count) {
      long header = readUnsignedVarLong();
      if ((header & 1) == 0) {
        int run = (int) Math.min(header >>> 1, count - n);
        require(byteWidth);
        int value = 0;
        for (int i = 0; i < byteWidth; i++) {
          value |= (bytes[position + i] & 0xFF) << (8 * i);
        }
        position += byteWidth;
        Arrays.fill(out, n, n + run, value);
        n += run;
      } else {
        int groups = (int) (header >>> 1);
        require(groups * bitWidth);
        int values = Math.min(groups * 8, count - n);
        if (bitWidth <= 8) {
          unpackNarrow(bitWidth, out, n, values);
        } else {
          long bit = (long) position << 3;
          for (int i = 0; i < values; i++, bit += bitWidth) {
            out[n + i] = (int) bits(bit, bitWidth);
          }
        }
        n += values;
        position += groups * bitWidth;
      }
    }
  }

  /**
   * Unpacks {@code values} values of at most 8 bits from the current position: each group of eight
   * values fills {@code bitWidth} bytes, so one 64-bit load serves the whole group.
   */
  private void unpackNarrow(int bitWidth, int[] out, int at, int values) {
    int mask = (1 << bitWidth) - 1;
    int group = position;
    int i = 0;
    while (i < values) {
      long word = word(group);
      int inGroup = Math.min(8, values - i);
      for (int k = 0; k < inGroup; k++) {
        out[at + i + k] = (int) (word >>> (k * bitWidth)) & mask;
      }
      i += inGroup;
      group += bitWidth;
    }
  }

  /** Decodes a DELTA_BINARY_PACKED section of {@code count} values into {@code out}. */
  void readDeltaBinaryPacked(long[] out, int count) throws IOException {
    int blockSize = (int) readUnsignedVarLong();
    int miniblocks = (int) readUnsignedVarLong();
    int total = (int) readUnsignedVarLong();
    long value = readZigZagVarLong();
    if (total != count) {
      throw new IOException("delta-encoded page holds " + total + " values, expected " + count);
    }
    if (miniblocks <= 0 || blockSize % miniblocks != 0 || (blockSize / miniblocks) % 8 != 0) {
      throw new IOException("bad delta block layout: " + blockSize + " values in " + miniblocks + " miniblocks");
    }
    if (total == 0) {
      return;
    }
    int perMiniblock = blockSize / miniblocks;
    out[0] = value;
    int n = 1;
    while (n < total) {
      long minDelta = readZigZagVarLong();
      int widths = position;
      skip(miniblocks);
      for (int m = 0; m < miniblocks && n < total; m++) {
        int width = bytes[widths + m] & 0xFF;
        if (width > 64) {
          throw new IOException("delta bit width " + width + " exceeds 64");
        }
        int miniblockBytes = perMiniblock * width / 8;
        require(miniblockBytes);
        int take = Math.min(perMiniblock, total - n);
        long bit = (long) position << 3;
        for (int i = 0; i < take; i++, bit += width) {
          value += minDelta + bits(bit, width);
          out[n++] = value;
        }
        position += miniblockBytes;
      }
    }
  }

  /** {@code width} bits (at most 64) starting at absolute bit {@code bit}, least significant first. */
  private long bits(long bit, int width) {
    if (width == 0) {
      return 0;
    }
    int index = (int) (bit >>> 3);
    int shift = (int) (bit & 7);
    long value = word(index) >>> shift;
    if (shift + width > 64 && index + 8 < bytes.length) {
      value |= (long) (bytes[index + 8] & 0xFF) << (64 - shift);
    }
    return width == 64 ? value : value & ((1L << width) - 1);
  }

  /** Eight bytes little-endian at {@code index}, zero past the end of the array. */
  private long word(int index) {
    if (index + 8 <= bytes.length) {
      return (long) LONG_LE.get(bytes, index);
    }
    long value = 0;
    for (int i = 0; index + i < bytes.length && i < 8; i++) {
      value |= (long) (bytes[index + i] & 0xFF) << (8 * i);
    }
    return value;
  }

  long readUnsignedVarLong() throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed variable-length integer");
  }

  private long readZigZagVarLong() throws IOException {
    long raw = readUnsignedVarLong();
    return (raw >>> 1) ^ -(raw & 1);
  }

  private void require(int count) throws IOException {
    if (count < 0 || position + count > end) {
      throw new IOException("page ends " + (position + count - end) + " bytes early");
    }
  }
}
