package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesWriterForLong;
import org.junit.jupiter.api.Test;

/** What the delta encoder writes, Parquet's own decoder and memreplay's read back, as compact as Parquet's. */
class DeltaEncoderTest {

  @Test
  @SuppressWarnings("deprecation") // toByteArray: both decoders read byte arrays
  void everyKindOfSequenceDecodesBackWithEitherDecoder() throws IOException {
    SplittableRandom random = new SplittableRandom(22);
    DeltaEncoder encoder = new DeltaEncoder();
    for (int shape = 0; shape < 5; shape++) {
      for (int count : new int[] {0, 1, 2, 31, 32, 33, 127, 128, 129, 130, 200, 5000, ColumnChunkWriter.PAGE_ROWS}) {
        long[] values = new long[count];
        long value = random.nextLong();
        for (int i = 0; i < count; i++) {
          switch (shape) {
            case 0 -> value += random.nextInt(1000); // timestamps
            case 1 -> value = random.nextLong(); // hashes: deltas need all 64 bits
            case 2 -> value = i % 3 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE; // overflowing deltas
            case 3 -> value = 0x7f0000000000L + (random.nextLong(1 << 20) << 12); // addresses
            default -> value = 42; // constant: deltas of zero bits
          }
          values[i] = value;
        }
        byte[] bytes = encoder.encode(values, count).toByteArray();
        String what = "shape " + shape + ", " + count + " values";

        DeltaBinaryPackingValuesReader parquet = new DeltaBinaryPackingValuesReader();
        parquet.initFromPage(count, ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes)));
        long[] decoded = new long[count];
        for (int i = 0; i < count; i++) {
          decoded[i] = parquet.readLong();
        }
        assertArrayEquals(values, decoded, what + ", parquet-java");

        decoded = new long[count];
        new PageBytes(bytes, 0, bytes.length).readDeltaBinaryPacked(decoded, count);
        assertArrayEquals(values, decoded, what + ", memreplay");

        assertEquals(parquetEncodedSize(values), bytes.length, what + ": same layout, same size as parquet-java's");
      }
    }
  }

  private static long parquetEncodedSize(long[] values) throws IOException {
    try (DeltaBinaryPackingValuesWriterForLong writer =
        new DeltaBinaryPackingValuesWriterForLong(128, 4, 1 << 16, 1 << 20, HeapByteBufferAllocator.getInstance())) {
      for (long value : values) {
        writer.writeLong(value);
      }
      return writer.getBytes().size();
    }
  }
}
