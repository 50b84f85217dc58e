package io.memreplay.ingest.imports.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.trace.ContentHashes;
import org.junit.jupiter.api.Test;

/**
 * A page's content hash is XXH64 itself, as snapshots have always recorded it: the expected values are what
 * {@code xxhsum -H1} (Debian's xxhash 0.8) prints for the same 4 KB.
 */
class PageDigestTest {

  @Test
  void wholePagesHashAsXxhsumDoes() {
    byte[] page = new byte[PageDigest.PAGE_BYTES];
    byte[] ramp = new byte[PageDigest.PAGE_BYTES];
    for (int i = 0; i < page.length; i++) {
      page[i] = (byte) (i * 7 + 3);
      ramp[i] = (byte) i;
    }
    assertEquals(0x796398cd432797ccL, PageDigest.hash(page, 0, false));
    assertEquals(0x0f6e64be186af6a4L, PageDigest.hash(ramp, 0, false));
  }

  @Test
  void theHashIsOfThePageAtTheOffsetOnly() {
    byte[] two = new byte[3 * PageDigest.PAGE_BYTES];
    for (int i = 0; i < PageDigest.PAGE_BYTES; i++) {
      two[PageDigest.PAGE_BYTES + i] = (byte) (i * 7 + 3);
      two[2 * PageDigest.PAGE_BYTES + i] = (byte) 0xff;
    }
    assertEquals(0x796398cd432797ccL, PageDigest.hash(two, PageDigest.PAGE_BYTES, false));
  }

  @Test
  void theZeroPageIsZeroAndIsFoundZero() {
    byte[] zeros = new byte[PageDigest.PAGE_BYTES];
    assertTrue(PageDigest.isZero(zeros, 0));
    assertEquals(ContentHashes.ZERO, PageDigest.hash(zeros, 0, true));
  }
}
