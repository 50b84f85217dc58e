package io.memreplay.ingest.imports.demand;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The blank lines of a text file, where its n-th non-blank line is, and its lines longer than a limit, from one
 * pass over its bytes. DuckDB's CSV reader skips blank lines without a trace and numbers a record that spans
 * lines (a quoted line break) as one line; {@link LineNumbers} needs the blank lines to give every record the
 * line an editor shows. Memory grows with the blank and over-long lines only. A blank line inside a quoted
 * value is taken for a blank line.
 */
final class PhysicalLines {

  /** The line numbers of the blank lines, ascending; every other line up to the last is non-blank. */
  private final long[] blank;
  private final long nonBlank;
  /** The line numbers of the lines longer than the limit, ascending, and their lengths in bytes. */
  private final long[] overlong;
  private final long[] overlongBytes;

  private PhysicalLines(long[] blank, long nonBlank, long[] overlong, long[] overlongBytes) {
    this.blank = blank;
    this.nonBlank = nonBlank;
    this.overlong = overlong;
    this.overlongBytes = overlongBytes;
  }

  /** Scans the text {@code in} holds, to its end, noting the lines of more than {@code maxLineBytes}. */
  static PhysicalLines scan(InputStream in, long maxLineBytes) throws IOException {
    LongArrayList blank = new LongArrayList();
    LongArrayList overlong = new LongArrayList();
    LongArrayList overlongBytes = new LongArrayList();
    long line = 1;
    long nonBlank = 0;
    long bytes = 0;
    boolean empty = true;
    byte[] buffer = new byte[1 << 16];
    for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
      for (int i = 0; i < read; i++) {
        byte b = buffer[i];
        if (b == '\n') {
          if (empty) {
            blank.add(line);
          } else {
            nonBlank++;
          }
          if (bytes > maxLineBytes) {
            overlong.add(line);
            overlongBytes.add(bytes);
          }
          line++;
          bytes = 0;
          empty = true;
        } else {
          bytes++;
          if (b != '\r') {
            empty = false;
          }
        }
      }
    }
    if (!empty) {
      nonBlank++;
    }
    if (bytes > maxLineBytes) {
      overlong.add(line);
      overlongBytes.add(bytes);
    }
    return new PhysicalLines(blank.toLongArray(), nonBlank, overlong.toLongArray(), overlongBytes.toLongArray());
  }

  boolean isBlank(long line) {
    return Arrays.binarySearch(blank, line) >= 0;
  }

  long nonBlankLines() {
    return nonBlank;
  }

  /** The line number of the {@code n}-th non-blank line, from 1, or -1 when the file has fewer. */
  long lineOfNonBlank(long n) {
    if (n < 1 || n > nonBlank) {
      return -1;
    }
    long line = n;
    // each blank line at or before the candidate pushes it one line further
    for (long b : blank) {
      if (b > line) {
        break;
      }
      line++;
    }
    return line;
  }

  /** The length in bytes of the first line from {@code first} to {@code last} over the limit, or 0 when none is. */
  long overlongBytes(long first, long last) {
    int at = Arrays.binarySearch(overlong, first);
    int next = at >= 0 ? at : -at - 1;
    return next < overlong.length && overlong[next] <= last ? overlongBytes[next] : 0;
  }
}
