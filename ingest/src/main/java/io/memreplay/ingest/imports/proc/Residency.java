package io.memreplay.ingest.imports.proc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which virtual pages of a process are in memory. From {@code /proc/PID/pagemap} when it can be read: one
 * 64-bit entry per page, bit 63 "present in RAM", bit 62 "swapped" (see the kernel's
 * Documentation/admin-guide/mm/pagemap.rst; the present bit is there for any process one may ptrace, only the
 * frame numbers need CAP_SYS_ADMIN). Without it, every mapped page is taken as present: reading one that is not
 * makes the kernel fault it in, so the snapshot then counts untouched and swapped pages too, which the
 * summary says.
 */
abstract class Residency implements Closeable {

  /** A page's state, one per page of a run. */
  static final byte ABSENT = 0;
  static final byte PRESENT = 1;
  static final byte SWAPPED = 2;

  /** Reads the state of {@code count} pages from virtual page {@code firstPage} into {@code states}. */
  abstract void read(long firstPage, int count, byte[] states) throws IOException;

  /** Whether page states come from the pagemap (else every page is taken as present). */
  abstract boolean fromPagemap();

  /** The pagemap of the process whose folder is {@code procDir}, or null when it cannot be opened. */
  static Residency pagemap(Path procDir) {
    try {
      Path file = procDir.resolve("pagemap");
      return new Pagemap(file, FileChannel.open(file, StandardOpenOption.READ));
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }

  static Residency everyMappedPage() {
    return new EveryMappedPage();
  }

  private static final class Pagemap extends Residency {
    private static final long PRESENT_BIT = 1L << 63;
    private static final long SWAPPED_BIT = 1L << 62;
    private final Path file;
    private final FileChannel channel;
    private ByteBuffer entries = ByteBuffer.allocate(0);

    Pagemap(Path file, FileChannel channel) {
      this.file = file;
      this.channel = channel;
    }

    @Override
    void read(long firstPage, int count, byte[] states) throws IOException {
      if (entries.capacity() < count * Long.BYTES) {
        entries = ByteBuffer.allocate(count * Long.BYTES).order(ByteOrder.nativeOrder());
      }
      entries.clear().limit(count * Long.BYTES);
      long position = firstPage * Long.BYTES;
      while (entries.hasRemaining()) {
        int read = channel.read(entries, position + entries.position());
        if (read <= 0) {
          // the pagemap covers the user address space only; [vsyscall] lies above it
          throw new IOException(file + " has no entries from page 0x"
              + Long.toHexString(firstPage + entries.position() / Long.BYTES) + " on");
        }
      }
      for (int i = 0; i < count; i++) {
        long entry = entries.getLong(i * Long.BYTES);
        states[i] = (entry & PRESENT_BIT) != 0 ? PRESENT : (entry & SWAPPED_BIT) != 0 ? SWAPPED : ABSENT;
      }
    }

    @Override
    boolean fromPagemap() {
      return true;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  private static final class EveryMappedPage extends Residency {
    @Override
    void read(long firstPage, int count, byte[] states) {
      java.util.Arrays.fill(states, 0, count, PRESENT);
    }

    @Override
    boolean fromPagemap() {
      return false;
    }

    @Override
    public void close() {}
  }
}
