package io.memreplay.schemas.parquet;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Compression codecs for Parquet pages without Hadoop's codec classes.
 *
 * <p>Parquet's default factory builds on Hadoop's {@code CompressionCodec}s, which drag in most of
 * Hadoop even for uncompressed files. This factory covers the codecs that Parquet writers in the wild
 * use (parquet-java, DuckDB, Arrow, Spark): UNCOMPRESSED, SNAPPY, ZSTD, GZIP and LZ4_RAW.
 */
public final class HadoopFreeCodecFactory implements CompressionCodecFactory {

  /** zstd's own default level: a good ratio at several hundred MB/s per core. */
  public static final int DEFAULT_ZSTD_LEVEL = 3;

  /**
   * A zstd context costs a native allocation; creating one per page showed up in profiles. Readers are
   * single-threaded, so one context per thread is reused for every page that thread decompresses.
   */
  private static final ThreadLocal<ZstdDecompressCtx> ZSTD_CONTEXT = ThreadLocal.withInitial(ZstdDecompressCtx::new);
  /** Likewise for compression, where a new context also costs its tables a reset for every page. */
  private static final ThreadLocal<ZstdCompressCtx> ZSTD_COMPRESSION_CONTEXT = ThreadLocal.withInitial(ZstdCompressCtx::new);

  private final int zstdLevel;

  public HadoopFreeCodecFactory() {
    this(DEFAULT_ZSTD_LEVEL);
  }

  public HadoopFreeCodecFactory(int zstdLevel) {
    this.zstdLevel = zstdLevel;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return new Compressor(codec, zstdLevel);
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec, int level) {
    return new Compressor(codec, codec == CompressionCodecName.ZSTD ? level : zstdLevel);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new Decompressor(codec);
  }

  @Override
  public void release() {}

  private static UnsupportedOperationException unsupported(CompressionCodecName codec) {
    return new UnsupportedOperationException(
        "Parquet compression codec " + codec + " is not supported; rewrite the file with ZSTD, SNAPPY, GZIP, LZ4_RAW or no compression");
  }

  private static final class Compressor implements BytesInputCompressor {
    private final CompressionCodecName codec;
    private final int zstdLevel;

    Compressor(CompressionCodecName codec, int zstdLevel) {
      this.codec = codec;
      this.zstdLevel = zstdLevel;
      if (codec != CompressionCodecName.UNCOMPRESSED && codec != CompressionCodecName.SNAPPY
          && codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.GZIP
          && codec != CompressionCodecName.LZ4_RAW) {
        throw unsupported(codec);
      }
    }

    @Override
    @SuppressWarnings("deprecation") // toByteArray: the codecs below work on heap arrays
    public BytesInput compress(BytesInput input) throws IOException {
      byte[] raw = input.toByteArray();
      switch (codec) {
        case UNCOMPRESSED:
          return BytesInput.from(raw);
        case SNAPPY:
          return BytesInput.from(Snappy.compress(raw));
        case ZSTD: {
          ZstdCompressCtx zstd = ZSTD_COMPRESSION_CONTEXT.get();
          zstd.setLevel(zstdLevel);
          return BytesInput.from(zstd.compress(raw));
        }
        case GZIP: {
          ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
          try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(raw);
          }
          return BytesInput.from(out.toByteArray());
        }
        case LZ4_RAW: {
          Lz4Compressor lz4 = new Lz4Compressor();
          byte[] out = new byte[lz4.maxCompressedLength(raw.length)];
          int n = lz4.compress(raw, 0, raw.length, out, 0, out.length);
          return BytesInput.from(out, 0, n);
        }
        default:
          throw unsupported(codec);
      }
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {}
  }

  private static final class Decompressor implements BytesInputDecompressor {
    private final CompressionCodecName codec;

    Decompressor(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    @SuppressWarnings("deprecation") // toByteBuffer: pages are read into heap buffers; use their arrays in place
    public BytesInput decompress(BytesInput input, int uncompressedSize) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return input;
      }
      ByteBuffer compressed = input.toByteBuffer();
      if (compressed.hasArray()) {
        return BytesInput.from(decompress(compressed.array(), compressed.arrayOffset() + compressed.position(),
            compressed.remaining(), uncompressedSize));
      }
      byte[] copy = new byte[compressed.remaining()];
      compressed.duplicate().get(copy);
      return BytesInput.from(decompress(copy, 0, copy.length, uncompressedSize));
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      byte[] compressed = new byte[compressedSize];
      input.duplicate().get(compressed);
      output.put(decompress(compressed, 0, compressedSize, uncompressedSize));
    }

    private byte[] decompress(byte[] in, int offset, int length, int uncompressedSize) throws IOException {
      byte[] out = new byte[uncompressedSize];
      int n;
      switch (codec) {
        case UNCOMPRESSED:
          System.arraycopy(in, offset, out, 0, length);
          n = length;
          break;
        case SNAPPY:
          n = Snappy.uncompress(in, offset, length, out, 0);
          break;
        case ZSTD:
          n = ZSTD_CONTEXT.get().decompressByteArray(out, 0, out.length, in, offset, length);
          break;
        case GZIP:
          try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(in, offset, length))) {
            n = gzip.readNBytes(out, 0, out.length);
          }
          break;
        case LZ4_RAW:
          n = new Lz4Decompressor().decompress(in, offset, length, out, 0, out.length);
          break;
        default:
          throw unsupported(codec);
      }
      if (n != uncompressedSize) {
        throw new IOException(codec + " page decompressed to " + n + " bytes, the page header says " + uncompressedSize);
      }
      return out;
    }

    @Override
    public void release() {}
  }
}
