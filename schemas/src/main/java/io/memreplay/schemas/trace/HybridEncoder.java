package io.memreplay.schemas.trace;

import org.apache.parquet.bytes.BytesInput;

/**
 * Encodes small non-negative integers (dictionary ids, definition levels, booleans) with Parquet's
 * RLE / bit-packed hybrid encoding, a whole page at a time: a run of at least eight equal values, or
 * the equal values that end the page, becomes one repeated value; everything else is bit-packed in
 * groups of eight. parquet-java's encoder takes one value per call and writes a few bytes per call,
 * which cost more than the encoding itself. The counterpart of {@link PageBytes#readHybrid}.
 */
final class HybridEncoder {

  /** The shortest run worth a repeated run: a bit-packed group holds eight values. */
  private static final int MIN_REPEAT = 8;

  private final PageOutput out = new PageOutput();

  /**
   * Encodes {@code values[0, count)}, each of {@code bitWidth} bits (at most 32). The bytes stay valid
   * until the next call.
   */
  BytesInput encode(int[] values, int count, int bitWidth) {
    out.reset();
    int i = 0;
    while (i < count) {
      int run = runLength(values, i, count);
      if (run >= MIN_REPEAT || i + run == count) {
        out.writeUnsignedVarLong(run << 1);
        out.writeLittleEndian(values[i], (bitWidth + 7) / 8);
        i += run;
      } else {
        i = writeBitPacked(values, i, count, bitWidth);
      }
    }
    return out.bytes();
  }

  private static int runLength(int[] values, int from, int count) {
    int value = values[from];
    int end = from + 1;
    while (end < count && values[end] == value) {
      end++;
    }
    return end - from;
  }

  /**
   * Bit-packs groups of eight from {@code from} until a run worth repeating starts, padding the last
   * group with zeros past {@code count}.
   *
   * @return where the packed values end
   */
  private int writeBitPacked(int[] values, int from, int count, int bitWidth) {
    int end = from;
    do {
      end += MIN_REPEAT;
    } while (end < count && !worthRepeating(values, end, count));
    out.writeUnsignedVarLong((end - from) / 8 << 1 | 1);
    long mask = (1L << bitWidth) - 1;
    if (bitWidth <= 8) {
      // A group of eight narrow values fits one 64-bit word: assemble it, then keep its bitWidth bytes.
      for (int group = from; group < end; group += 8) {
        long word = 0;
        for (int k = 0, n = Math.min(8, count - group); k < n; k++) {
          word |= (values[group + k] & mask) << (k * bitWidth);
        }
        out.writeLittleEndian(word, bitWidth);
      }
    } else {
      long buffer = 0;
      int bits = 0;
      for (int i = from; i < end; i++) {
        buffer |= (i < count ? values[i] & mask : 0) << bits;
        bits += bitWidth;
        while (bits >= 8) {
          out.writeByte((int) buffer);
          buffer >>>= 8;
          bits -= 8;
        }
      }
    }
    return Math.min(end, count);
  }

  private static boolean worthRepeating(int[] values, int from, int count) {
    int run = runLength(values, from, count);
    return run >= MIN_REPEAT || from + run == count;
  }
}
