package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.api.Test;

/** What the hybrid encoder writes, Parquet's own decoder and memreplay's read back, compactly. */
class HybridEncoderTest {

  @Test
  @SuppressWarnings("deprecation") // toByteArray: both decoders read byte arrays
  void everyBitWidthAndLengthDecodesBackWithEitherDecoder() throws IOException {
    SplittableRandom random = new SplittableRandom(21);
    HybridEncoder encoder = new HybridEncoder();
    for (int width = 0; width <= 32; width++) {
      for (int count : new int[] {1, 7, 8, 9, 15, 1000, 4099}) {
        int[] values = new int[count];
        long bound = 1L << width;
        for (int i = 0; i < count; i++) {
          // runs of one value make repeated runs; stretches of random values make bit-packed groups
          boolean repeat = i > 0 && random.nextInt(3) == 0;
          values[i] = repeat ? values[i - 1] : (int) random.nextLong(bound);
        }
        byte[] bytes = encoder.encode(values, count, width).toByteArray();
        String what = "width " + width + ", " + count + " values";

        RunLengthBitPackingHybridDecoder parquet = new RunLengthBitPackingHybridDecoder(width, new ByteArrayInputStream(bytes));
        int[] decoded = new int[count];
        for (int i = 0; i < count; i++) {
          decoded[i] = parquet.readInt();
        }
        assertArrayEquals(values, decoded, what + ", parquet-java");

        Arrays.fill(decoded, -1);
        new PageBytes(bytes, 0, bytes.length).readHybrid(width, decoded, count);
        assertArrayEquals(values, decoded, what + ", memreplay");
      }
    }
  }

  @Test
  void runsBecomeOneRepeatedValueAndTheRestIsPackedTightly() {
    HybridEncoder encoder = new HybridEncoder();
    int[] same = new int[20_000];
    Arrays.fill(same, 70_000);
    // header: varint of 20000 << 1 (3 bytes), then the value in 17 bits (3 bytes)
    assertEquals(6, encoder.encode(same, same.length, 17).size());

    int[] alternating = new int[20_000];
    for (int i = 0; i < alternating.length; i++) {
      alternating[i] = i % 2;
    }
    // header: varint of 2500 groups << 1 | 1 (2 bytes), then one bit per value
    assertEquals(2 + 20_000 / 8, encoder.encode(alternating, alternating.length, 1).size());
  }

  @Test
  void noValuesMakeNoBytes() {
    assertEquals(0, new HybridEncoder().encode(new int[0], 0, 3).size());
  }
}
