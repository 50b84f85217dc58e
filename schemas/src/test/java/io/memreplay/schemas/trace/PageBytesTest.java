package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/** memreplay's bulk decoders read exactly what Parquet's own encoders write. */
class PageBytesTest {

  @Test
  void hybridDecodingMatchesParquetsEncoderAtEveryBitWidth() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    for (int width = 0; width <= 32; width++) {
      for (int count : new int[] {1, 7, 8, 9, 1000, 4099}) {
        int[] values = new int[count];
        long bound = width == 32 ? 1L << 32 : 1L << width;
        for (int i = 0; i < count; i++) {
          // long runs of one value make RLE runs; random stretches make bit-packed groups
          boolean repeat = i > 0 && random.nextInt(4) == 0;
          values[i] = repeat ? values[i - 1] : (int) random.nextLong(Math.max(bound, 1));
        }
        try (RunLengthBitPackingHybridEncoder encoder =
            new RunLengthBitPackingHybridEncoder(width, 64, 1 << 16, HeapByteBufferAllocator.getInstance())) {
          for (int value : values) {
            encoder.writeInt(value);
          }
          byte[] bytes = encoder.toBytes().toByteArray();
          int[] decoded = new int[count];
          new PageBytes(bytes, 0, bytes.length).readHybrid(width, decoded, count);
          assertArrayEquals(values, decoded, "width " + width + ", " + count + " values");
        }
      }
    }
  }

  @Test
  void deltaDecodingMatchesParquetsEncoderForEveryKindOfSequence() throws IOException {
    SplittableRandom random = new SplittableRandom(12);
    for (int shape = 0; shape < 5; shape++) {
      for (int count : new int[] {0, 1, 2, 127, 128, 129, 5000}) {
        long[] values = new long[count];
        long value = random.nextLong();
        for (int i = 0; i < count; i++) {
          switch (shape) {
            case 0 -> value += random.nextInt(1000); // timestamps
            case 1 -> value = random.nextLong(); // hashes: deltas need all 64 bits
            case 2 -> value = i % 3 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE; // overflowing deltas
            case 3 -> value = 0x7f0000000000L + (random.nextLong(1 << 20) << 12); // addresses
            default -> value -= random.nextInt(1 << 20); // decreasing
          }
          values[i] = value;
        }
        try (DeltaBinaryPackingValuesWriterForLong writer =
            new DeltaBinaryPackingValuesWriterForLong(128, 4, 1 << 16, 1 << 20, HeapByteBufferAllocator.getInstance())) {
          for (long v : values) {
            writer.writeLong(v);
          }
          byte[] bytes = writer.getBytes().toByteArray();
          long[] decoded = new long[count];
          new PageBytes(bytes, 0, bytes.length).readDeltaBinaryPacked(decoded, count);
          assertArrayEquals(values, decoded, "shape " + shape + ", " + count + " values");
        }
      }
    }
  }

  @Test
  void aShortPageIsAnErrorNotGarbage() throws IOException {
    try (DeltaBinaryPackingValuesWriterForLong writer =
        new DeltaBinaryPackingValuesWriterForLong(128, 4, 1 << 16, 1 << 20, HeapByteBufferAllocator.getInstance())) {
      for (int i = 0; i < 1000; i++) {
        writer.writeLong(i * 977L * i);
      }
      byte[] bytes = writer.getBytes().toByteArray();
      assertThrows(IOException.class,
          () -> new PageBytes(bytes, 0, bytes.length / 2).readDeltaBinaryPacked(new long[1000], 1000));
    }
  }
}
