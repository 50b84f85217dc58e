package io.memreplay.schemas.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The raw bytes of a Parquet file's footer: the file metadata (schema, row groups, column chunk offsets,
 * sizes and statistics) that a file ends with, before its 4-byte length and the magic {@code PAR1}. A
 * cheap fingerprint of a file's content: other data almost always gives other chunk sizes and statistics.
 */
public final class ParquetFooter {

  private static final int TAIL_BYTES = 8;
  private static final int MAGIC = 0x31524150; // "PAR1", little-endian

  private ParquetFooter() {}

  /** Reads the footer of {@code file}; fails when the file does not end like a Parquet file. */
  public static byte[] read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 2L * 4 + TAIL_BYTES) {
        throw new IOException("too short for a Parquet file (" + size + " bytes)");
      }
      ByteBuffer tail = ByteBuffer.allocate(TAIL_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, tail, size - TAIL_BYTES);
      int length = tail.getInt(0);
      if (tail.getInt(4) != MAGIC || length <= 0 || length > size - TAIL_BYTES - 4) {
        throw new IOException("does not end with a Parquet footer");
      }
      ByteBuffer footer = ByteBuffer.allocate(length);
      readFully(channel, footer, size - TAIL_BYTES - length);
      return footer.array();
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
    while (into.hasRemaining()) {
      if (channel.read(into, position + into.position()) < 0) {
        throw new IOException("ends early");
      }
    }
  }
}
