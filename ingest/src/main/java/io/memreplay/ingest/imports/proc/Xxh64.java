package io.memreplay.ingest.imports.proc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * XXH64 (Yann Collet's xxHash, 64-bit, seed 0), the content hash of snapshot pages: fast (several GB/s, so
 * hashing costs less than reading the page from /proc), well distributed over all 64 bits (a collision of
 * two real 4 KB contents, which would merge them, is a 2^-64 event), and a published algorithm, so that
 * other tools ({@code xxhsum -H1}) give the same hash of the same page. Stateless.
 */
final class Xxh64 {

  private static final long PRIME1 = 0x9E3779B185EBCA87L;
  private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
  private static final long PRIME3 = 0x165667B19E3779F9L;
  private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
  private static final long PRIME5 = 0x27D4EB2F165667C5L;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Xxh64() {}

  /** The XXH64 hash, seed 0, of {@code length} bytes of {@code bytes} from {@code offset}. */
  static long hash(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int p = offset;
    long h;
    if (length >= 32) {
      long v1 = PRIME1 + PRIME2;
      long v2 = PRIME2;
      long v3 = 0;
      long v4 = -PRIME1;
      int limit = end - 32;
      do {
        v1 = round(v1, (long) LONGS.get(bytes, p));
        v2 = round(v2, (long) LONGS.get(bytes, p + 8));
        v3 = round(v3, (long) LONGS.get(bytes, p + 16));
        v4 = round(v4, (long) LONGS.get(bytes, p + 24));
        p += 32;
      } while (p <= limit);
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = PRIME5;
    }
    h += length;
    for (; p + 8 <= end; p += 8) {
      h ^= round(0, (long) LONGS.get(bytes, p));
      h = Long.rotateLeft(h, 27) * PRIME1 + PRIME4;
    }
    if (p + 4 <= end) {
      h ^= ((int) INTS.get(bytes, p) & 0xFFFFFFFFL) * PRIME1;
      h = Long.rotateLeft(h, 23) * PRIME2 + PRIME3;
      p += 4;
    }
    for (; p < end; p++) {
      h ^= (bytes[p] & 0xFFL) * PRIME5;
      h = Long.rotateLeft(h, 11) * PRIME1;
    }
    h ^= h >>> 33;
    h *= PRIME2;
    h ^= h >>> 29;
    h *= PRIME3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long accumulator, long input) {
    return Long.rotateLeft(accumulator + input * PRIME2, 31) * PRIME1;
  }

  private static long merge(long h, long v) {
    return (h ^ round(0, v)) * PRIME1 + PRIME4;
  }
}
