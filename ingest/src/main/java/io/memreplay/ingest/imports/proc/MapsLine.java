package io.memreplay.ingest.imports.proc;

/**
 * One line of {@code /proc/PID/maps}: a virtual memory area {@code [start, end)} with its permissions and
 * what is mapped there ({@code address perms offset dev inode [path]}, see proc(5)).
 *
 * @param number the line number, from 1, which rejects give as their position
 * @param text the line as it was read, which rejects keep
 * @param path the file, or a pseudo-name such as {@code [heap]}, {@code [stack]} or {@code [vvar]}; empty for
 *     anonymous memory
 */
record MapsLine(long number, String text, long start, long end, String perms, String path) {

  /** Parses {@code text}, line {@code number} of a maps file. */
  static MapsLine parse(long number, String text) {
    String[] fields = text.trim().split("\\s+", 6);
    if (fields.length < 5) {
      throw new IllegalArgumentException("expected 'start-end perms offset dev inode [path]', found '" + text + "'");
    }
    int dash = fields[0].indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("expected the address range as start-end, found '" + fields[0] + "'");
    }
    long start = Long.parseUnsignedLong(fields[0].substring(0, dash), 16);
    long end = Long.parseUnsignedLong(fields[0].substring(dash + 1), 16);
    return new MapsLine(number, text, start, end, fields[1], fields.length == 6 ? fields[5] : "");
  }

  /** The first virtual page number. */
  long firstPage() {
    return start >>> 12;
  }

  /** The 4 KB pages of the area. */
  long pages() {
    return (end - start) >>> 12;
  }
}
