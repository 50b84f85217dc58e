package io.memreplay.ingest.imports.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hash is XXH64 itself: the expected values are what {@code xxhsum -H1} (Debian's xxhash 0.8) prints. */
class Xxh64Test {

  @Test
  void shortInputsTakeTheTailPathsAndMatchXxhsum() {
    assertEquals(0xef46db3751d8e999L, hash(new byte[0]));
    assertEquals(0x44bc2cf5ad770999L, hash("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void inputsOfSeveralStripesWithATailMatchXxhsum() {
    assertEquals(0xfbcea83c8a378bf1L, hash("Nobody inspects the spammish repetition".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void wholePagesMatchXxhsum() {
    byte[] page = new byte[4096];
    byte[] ramp = new byte[4096];
    for (int i = 0; i < page.length; i++) {
      page[i] = (byte) (i * 7 + 3);
      ramp[i] = (byte) i;
    }
    assertEquals(0x796398cd432797ccL, hash(page));
    assertEquals(0x0f6e64be186af6a4L, hash(ramp));
  }

  @Test
  void anOffsetHashesOnlyTheBytesAskedFor() {
    byte[] framed = "xxabcyy".getBytes(StandardCharsets.US_ASCII);
    assertEquals(0x44bc2cf5ad770999L, Xxh64.hash(framed, 2, 3));
  }

  private static long hash(byte[] bytes) {
    return Xxh64.hash(bytes, 0, bytes.length);
  }
}
