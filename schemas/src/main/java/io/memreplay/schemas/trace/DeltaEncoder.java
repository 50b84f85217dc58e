package io.memreplay.schemas.trace;

import org.apache.parquet.bytes.BytesInput;

/**
 * Encodes 64-bit integers with Parquet's DELTA_BINARY_PACKED encoding, a whole page at a time, in the
 * layout parquet-java writes: blocks of 128 deltas in 4 miniblocks of 32, each miniblock bit-packed at
 * the width its largest delta above the block's minimum needs. parquet-java's encoder takes one value
 * per call and collects its output in small slabs; whole pages in flat arrays go several times faster.
 * The counterpart of {@link PageBytes#readDeltaBinaryPacked}.
 */
final class DeltaEncoder {

  private static final int BLOCK = 128;
  private static final int MINIBLOCKS = 4;
  private static final int MINIBLOCK = BLOCK / MINIBLOCKS;

  private final long[] deltas = new long[BLOCK];
  private final PageOutput out = new PageOutput();

  /** Encodes {@code values[0, count)}. The bytes stay valid until the next call. */
  BytesInput encode(long[] values, int count) {
    out.reset();
    out.writeUnsignedVarLong(BLOCK);
    out.writeUnsignedVarLong(MINIBLOCKS);
    out.writeUnsignedVarLong(count);
    out.writeZigZagVarLong(count > 0 ? values[0] : 0);
    for (int first = 1; first < count; first += BLOCK) {
      writeBlock(values, first, Math.min(BLOCK, count - first));
    }
    return out.bytes();
  }

  /** Writes the deltas of {@code values[first, first + n)} from their predecessors. */
  private void writeBlock(long[] values, int first, int n) {
    long minDelta = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      deltas[i] = values[first + i] - values[first + i - 1]; // wraps around, as decoding does
      minDelta = Math.min(minDelta, deltas[i]);
    }
    out.writeZigZagVarLong(minDelta);
    // A short last block leaves its unneeded miniblocks out; their widths stay zero.
    int widths = out.skip(MINIBLOCKS);
    for (int miniblock = 0; miniblock * MINIBLOCK < n; miniblock++) {
      int from = miniblock * MINIBLOCK;
      int to = Math.min(from + MINIBLOCK, n);
      long bits = 0;
      for (int i = from; i < to; i++) {
        deltas[i] -= minDelta; // unsigned distance above the minimum
        bits |= deltas[i];
      }
      int width = 64 - Long.numberOfLeadingZeros(bits);
      out.set(widths + miniblock, width);
      pack(from, to, width);
    }
  }

  /**
   * Bit-packs {@code deltas[from, to)} at {@code width} bits each, least significant bit first, padded
   * with zeros to a whole miniblock.
   */
  private void pack(int from, int to, int width) {
    if (width == 0) {
      return;
    }
    long buffer = 0;
    int used = 0;
    for (int i = from; i < from + MINIBLOCK; i++) {
      long value = i < to ? deltas[i] : 0;
      buffer |= value << used;
      used += width;
      if (used >= 64) {
        out.writeLittleEndian(buffer, Long.BYTES);
        used -= 64;
        buffer = used == 0 ? 0 : value >>> (width - used);
      }
    }
    // a miniblock is 4 bytes per bit of width, so 32 bits may remain
    out.writeLittleEndian(buffer, used / 8);
  }
}
