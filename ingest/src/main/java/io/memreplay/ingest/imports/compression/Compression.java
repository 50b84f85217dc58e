package io.memreplay.ingest.imports.compression;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZUtils;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;

/**
 * How an input file is compressed, told by its first bytes as commons-compress recognises them: gzip {@code 1F
 * 8B}, zstd {@code 28 B5 2F FD}, xz {@code FD 37 7A 58 5A 00}, bzip2 {@code BZh}. Files of several streams one
 * after the other ({@code cat a.gz b.gz}, pigz, pbzip2, pzstd) are read to their end.
 */
public enum Compression {
  NONE("plain"),
  GZIP("gzip"),
  ZSTD("zstd"),
  XZ("xz"),
  BZIP2("bzip2");

  /** Enough for every signature above. */
  static final int SIGNATURE_BYTES = 6;

  private final String label;

  Compression(String label) {
    this.label = label;
  }

  /** The name users know the format by. */
  public String label() {
    return label;
  }

  /** The compression whose signature {@code head} (its first {@code length} bytes) starts with. */
  static Compression of(byte[] head, int length) {
    if (GzipCompressorInputStream.matches(head, length)) {
      return GZIP;
    }
    if (ZstdUtils.matches(head, length)) {
      return ZSTD;
    }
    if (XZUtils.matches(head, length)) {
      return XZ;
    }
    if (BZip2CompressorInputStream.matches(head, length)) {
      return BZIP2;
    }
    return NONE;
  }

  /** The decompressed bytes of {@code compressed}. */
  InputStream decoder(InputStream compressed) throws IOException {
    return switch (this) {
      case NONE -> compressed;
      case GZIP -> new GzipCompressorInputStream(compressed, true);
      case ZSTD -> new ZstdCompressorInputStream(compressed);
      case XZ -> new XZCompressorInputStream(compressed, true);
      case BZIP2 -> new BZip2CompressorInputStream(compressed, true);
    };
  }
}
