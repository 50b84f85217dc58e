package io.memreplay.ingest.imports.proc;

import io.memreplay.ingest.imports.InputRejects;
import io.memreplay.schemas.avro.Reject;

/**
 * Resident pages that could not be read, gathered into runs (consecutive pages of one mapping that failed
 * for the same reason) so that a device mapping or {@code [vvar]} gives one reject, not one per page. A
 * reject names the maps file and the mapping's line in it, as the other importers name file and line.
 */
final class UnreadablePages {

  private final int pid;
  private final int vm;
  private MapsLine mapping;
  private long firstPage;
  private long pages;
  private String reason;
  private long total;

  UnreadablePages(int pid, int vm) {
    this.pid = pid;
    this.vm = vm;
  }

  /**
   * Adds {@code count} pages from virtual page {@code page} of {@code line} that failed for {@code why}.
   *
   * @return the reject of the run this ends, or null when the pages continue the current run
   */
  Reject add(MapsLine line, long page, long count, String why) {
    total += count;
    if (line == mapping && page == firstPage + pages && why.equals(reason)) {
      pages += count;
      return null;
    }
    Reject ended = flush();
    mapping = line;
    firstPage = page;
    pages = count;
    reason = why;
    return ended;
  }

  /** The reject of the current run, if any, which ends it. */
  Reject flush() {
    if (mapping == null) {
      return null;
    }
    Reject reject = InputRejects.of("/proc/" + pid + "/maps", mapping.number(), InputRejects.LINE, vm,
        String.format("%,d %s from 0x%x not read: %s", pages, pages == 1 ? "page" : "pages", firstPage << 12, reason),
        mapping.text());
    mapping = null;
    return reject;
  }

  /** Pages added so far. */
  long total() {
    return total;
  }
}
