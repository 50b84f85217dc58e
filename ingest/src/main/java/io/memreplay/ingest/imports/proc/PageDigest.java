package io.memreplay.ingest.imports.proc;

import io.airlift.compress.lz4.Lz4Compressor;
import io.memreplay.schemas.trace.ContentHashes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * What a snapshot records of one 4 KB page: whether it is all zeros, its content hash (0 for the zero page,
 * as the {@code contents} table wants) and its size after LZ4 compression.
 *
 * <p>The hash is XXH64 (Yann Collet's xxHash, 64-bit, seed 0), lz4-java's (on the class path with Kafka's
 * client): fast (several GB/s, so hashing costs less than reading the page from /proc), well distributed over
 * all 64 bits (a collision of two real 4 KB contents, which would merge them, is a 2^-64 event), and a
 * published algorithm, so that other tools ({@code xxhsum -H1}) give the same hash of the same page.
 *
 * <p>LZ4 (the block format, aircompressor's pure-Java coder, already on the class path for Parquet's
 * LZ4_RAW codec) because a hypervisor compresses on the swap-out path, where only a fast coder is
 * affordable: in-kernel page compressors (zram, zswap) default to LZ4 or LZO for the same reason, and ESXi's
 * coder is not published. Pure Java needs no native library, and the coder is deterministic, so the same page
 * always measures the same. A page LZ4 cannot shrink would be kept as it is, so its size is capped at 4096.
 * Reuses its compressor and buffer: one per thread.
 */
final class PageDigest {

  static final int PAGE_BYTES = ContentHashes.PAGE_BYTES;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** Stateless and thread-safe. */
  private static final XXHash64 XXH64 = XXHashFactory.fastestInstance().hash64();

  private final Lz4Compressor lz4 = new Lz4Compressor();
  private final byte[] compressed = new byte[lz4.maxCompressedLength(PAGE_BYTES)];

  /** Whether the page at {@code offset} is all zeros. */
  static boolean isZero(byte[] bytes, int offset) {
    for (int i = offset; i < offset + PAGE_BYTES; i += Long.BYTES) {
      if ((long) LONGS.get(bytes, i) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The content hash of the page at {@code offset}: 0 for the zero page, else its XXH64, never 0 or -1. */
  static long hash(byte[] bytes, int offset, boolean zero) {
    return zero ? ContentHashes.ZERO : ContentHashes.normalize(XXH64.hash(bytes, offset, PAGE_BYTES, 0));
  }

  /** Bytes the page at {@code offset} takes after LZ4 compression, at most {@value #PAGE_BYTES}. */
  int compressedBytes(byte[] bytes, int offset) {
    int size = lz4.compress(bytes, offset, PAGE_BYTES, compressed, 0, compressed.length);
    return Math.min(size, PAGE_BYTES);
  }
}
