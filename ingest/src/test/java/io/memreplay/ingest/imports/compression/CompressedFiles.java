package io.memreplay.ingest.imports.compression;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Files compressed as the recorders' users keep them, written by tests. */
public final class CompressedFiles {

  private CompressedFiles() {}

  /** {@code content} compressed with {@code compression} into {@code file}, as one stream. */
  public static Path write(Path file, Compression compression, byte[] content) throws IOException {
    try (OutputStream out = encoder(compression, Files.newOutputStream(file))) {
      out.write(content);
    }
    return file;
  }

  /** {@code first} and {@code second}, each compressed as a stream of its own, one after the other in {@code file}. */
  public static Path writeTwoStreams(Path file, Compression compression, byte[] first, byte[] second)
      throws IOException {
    byte[] a = Files.readAllBytes(write(file, compression, first));
    byte[] b = Files.readAllBytes(write(file, compression, second));
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return Files.write(file, both);
  }

  /** The first {@code fraction} of {@code file}'s bytes, as a copy that did not finish would leave them. */
  public static Path truncate(Path file, Path into, double fraction) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    return Files.write(into, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
  }

  private static OutputStream encoder(Compression compression, OutputStream out) throws IOException {
    return switch (compression) {
      case NONE -> out;
      case GZIP -> new GzipCompressorOutputStream(out);
      case ZSTD -> new ZstdCompressorOutputStream(out);
      case XZ -> new XZCompressorOutputStream(out);
      case BZIP2 -> new BZip2CompressorOutputStream(out);
    };
  }
}
