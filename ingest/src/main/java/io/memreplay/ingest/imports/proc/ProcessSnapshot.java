package io.memreplay.ingest.imports.proc;

import io.memreplay.ingest.imports.ImportException;
import io.memreplay.schemas.avro.Reject;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The resident pages of one running process, read from {@code /proc/PID/mem} mapping by mapping in address
 * order, as {@link Residency} says which are in memory. Pages are handed on one at a time from a reused
 * buffer, so memory does not grow with the process; only its maps (one line per mapping) are held.
 *
 * <p>Pages are read in runs of up to {@value #PAGES_PER_READ}; a run that fails is read again page by page,
 * and the pages that still fail go to the rejects ({@link UnreadablePages}), e.g. {@code [vvar]} or device
 * memory, which the kernel refuses with an I/O error. Swapped-out pages are not read (reading would swap them
 * in, changing the process) but counted. The snapshot is not atomic: a page the process writes while it is
 * read is recorded as it was at that moment; stop the process ({@code kill -STOP}) for a consistent one.
 */
final class ProcessSnapshot implements Closeable {

  /** Where the pages go. */
  interface Sink {
    /** The next resident page: 4 KB of {@code bytes} from {@code offset}, valid until the call returns. */
    void page(byte[] bytes, int offset) throws IOException;

    void reject(Reject reject) throws IOException;
  }

  /** 256 KB per read(2): few system calls, a small buffer. */
  static final int PAGES_PER_READ = 64;
  /** Page states asked of the pagemap at once: 4 KB of entries. */
  private static final int STATES_PER_READ = 512;
  private static final int PAGE_SHIFT = 12;
  private static final int PAGE_BYTES = 1 << PAGE_SHIFT;

  private final int pid;
  private final String name;
  private final List<MapsLine> maps;
  private final FileChannel mem;
  private final Residency residency;
  private final UnreadablePages unreadable;
  private final ByteBuffer buffer = ByteBuffer.allocate(PAGES_PER_READ * PAGE_BYTES);
  private final byte[] states = new byte[STATES_PER_READ];
  private long mappings;
  private long readPages;
  private long swappedPages;

  private ProcessSnapshot(int pid, int vm, String name, List<MapsLine> maps, FileChannel mem, Residency residency) {
    this.pid = pid;
    this.name = name;
    this.maps = maps;
    this.mem = mem;
    this.residency = residency;
    this.unreadable = new UnreadablePages(pid, vm);
  }

  /**
   * Opens process {@code pid}, whose pages become VM {@code vm}.
   *
   * @param usePagemap whether to take residency from the pagemap when it can be read
   * @throws ImportException when there is no such process or its memory may not be read
   */
  static ProcessSnapshot open(int pid, int vm, boolean usePagemap) throws ImportException {
    Path dir = Path.of("/proc", Integer.toString(pid));
    if (!Files.isDirectory(dir)) {
      throw new ImportException(dir + ": no such process " + pid);
    }
    String name;
    List<MapsLine> maps;
    FileChannel mem;
    try {
      name = Files.readString(dir.resolve("comm")).trim();
      maps = maps(pid, name);
      mem = FileChannel.open(dir.resolve("mem"), StandardOpenOption.READ);
    } catch (AccessDeniedException e) {
      throw new ImportException(e.getFile() + ": permission denied; reading another process's memory needs root or"
          + " ptrace permission over it (CAP_SYS_PTRACE, or the same user with kernel.yama.ptrace_scope 0)", e);
    } catch (NoSuchFileException e) {
      throw new ImportException(dir + ": process " + pid + " exited", e);
    } catch (IOException e) {
      throw new ImportException(dir + ": cannot be read (" + e.getMessage() + ")", e);
    }
    Residency residency = usePagemap ? Residency.pagemap(dir) : null;
    return new ProcessSnapshot(pid, vm, name, maps, mem, residency != null ? residency : Residency.everyMappedPage());
  }

  /** Reads every resident page of every mapping into {@code sink}. */
  void read(Sink sink) throws IOException, ImportException {
    for (MapsLine mapping : maps) {
      mappings++;
      readMapping(mapping, sink);
    }
    emit(unreadable.flush(), sink);
  }

  /** The mappings of the process, read at once: the kernel builds the file anew on each read. */
  private static List<MapsLine> maps(int pid, String name) throws IOException, ImportException {
    Path file = Path.of("/proc", Integer.toString(pid), "maps");
    List<String> lines = Files.readAllLines(file);
    if (lines.isEmpty()) {
      throw new ImportException(file + ": process " + pid + " (" + name + ") has no user memory: a kernel thread, or"
          + " a process that has exited");
    }
    List<MapsLine> maps = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      try {
        maps.add(MapsLine.parse(i + 1, lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ImportException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return maps;
  }

  private void readMapping(MapsLine mapping, Sink sink) throws IOException, ImportException {
    long endPage = mapping.firstPage() + mapping.pages();
    for (long page = mapping.firstPage(); page < endPage; page += STATES_PER_READ) {
      int count = (int) Math.min(STATES_PER_READ, endPage - page);
      try {
        residency.read(page, count, states);
      } catch (IOException e) {
        emit(unreadable.add(mapping, page, count, "residency unknown: " + e.getMessage()), sink);
        continue;
      }
      int i = 0;
      while (i < count) {
        if (states[i] != Residency.PRESENT) {
          swappedPages += states[i] == Residency.SWAPPED ? 1 : 0;
          i++;
          continue;
        }
        int runStart = i;
        while (i < count && states[i] == Residency.PRESENT) {
          i++;
        }
        readRun(mapping, page + runStart, i - runStart, sink);
      }
    }
  }

  /** Reads {@code count} resident pages from virtual page {@code firstPage}, a chunk at a time. */
  private void readRun(MapsLine mapping, long firstPage, int count, Sink sink) throws IOException, ImportException {
    if (firstPage << PAGE_SHIFT < 0) {
      // [vsyscall] on x86-64 sits at 0xffffffffff600000: FileChannel positions are signed longs
      emit(unreadable.add(mapping, firstPage, count, "resident above 2^63, past what Java can address in /proc/" + pid
          + "/mem"), sink);
      return;
    }
    for (int done = 0; done < count; done += PAGES_PER_READ) {
      int pages = Math.min(PAGES_PER_READ, count - done);
      long page = firstPage + done;
      try {
        readFully(page, pages);
      } catch (IOException e) {
        readPageByPage(mapping, page, pages, sink);
        continue;
      }
      for (int p = 0; p < pages; p++) {
        readPages++;
        sink.page(buffer.array(), p * PAGE_BYTES);
      }
    }
  }

  private void readPageByPage(MapsLine mapping, long firstPage, int count, Sink sink)
      throws IOException, ImportException {
    for (int p = 0; p < count; p++) {
      try {
        readFully(firstPage + p, 1);
      } catch (IOException e) {
        emit(unreadable.add(mapping, firstPage + p, 1, "/proc/" + pid + "/mem refuses it: " + e.getMessage()), sink);
        continue;
      }
      readPages++;
      sink.page(buffer.array(), 0);
    }
  }

  private void readFully(long firstPage, int pages) throws IOException, ImportException {
    buffer.clear().limit(pages * PAGE_BYTES);
    long position = firstPage << PAGE_SHIFT;
    while (buffer.hasRemaining()) {
      int read = mem.read(buffer, position + buffer.position());
      if (read <= 0) {
        // the kernel gives end-of-file once the process has no memory left: it has exited
        throw new ImportException("/proc/" + pid + "/mem: process " + pid + " (" + name + ") exited during the"
            + " snapshot; run it again on a process that keeps running");
      }
    }
  }

  private static void emit(Reject reject, Sink sink) throws IOException {
    if (reject != null) {
      sink.reject(reject);
    }
  }

  int pid() {
    return pid;
  }

  /** The process's command name ({@code /proc/PID/comm}). */
  String name() {
    return name;
  }

  long mappings() {
    return mappings;
  }

  /** Resident pages read and handed on. */
  long readPages() {
    return readPages;
  }

  /** Resident pages that could not be read, each in a reject. */
  long unreadablePages() {
    return unreadable.total();
  }

  /** Pages the pagemap says are swapped out: not read, not recorded. */
  long swappedPages() {
    return swappedPages;
  }

  /** Whether residency came from the pagemap; otherwise every mapped page was read. */
  boolean fromPagemap() {
    return residency.fromPagemap();
  }

  @Override
  public void close() throws IOException {
    try {
      mem.close();
    } finally {
      residency.close();
    }
  }
}
