package io.memreplay.ingest.imports.demand;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The blank lines of a text file and where its n-th non-blank line is, from one pass over its bytes. DuckDB's
 * CSV reader skips blank lines without a trace and numbers a record that spans lines (a quoted line break)
 * as one line; {@link LineNumbers} needs the blank lines to give every record the line an editor shows.
 * Memory grows with the blank lines only. A blank line inside a quoted value is taken for a blank line.
 */
final class PhysicalLines {

  /** The line numbers of the blank lines, ascending; every other line up to the last is non-blank. */
  private final long[] blank;
  private final long nonBlank;

  private PhysicalLines(long[] blank, long nonBlank) {
    this.blank = blank;
    this.nonBlank = nonBlank;
  }

  /** Scans the text {@code in} holds, to its end. */
  static PhysicalLines scan(InputStream in) throws IOException {
    long[] blank = new long[16];
    int blanks = 0;
    long line = 1;
    long nonBlank = 0;
    boolean empty = true;
    byte[] buffer = new byte[1 << 16];
    for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
      for (int i = 0; i < read; i++) {
        byte b = buffer[i];
        if (b == '\n') {
          if (empty) {
            if (blanks == blank.length) {
              blank = Arrays.copyOf(blank, blanks * 2);
            }
            blank[blanks++] = line;
          } else {
            nonBlank++;
          }
          line++;
          empty = true;
        } else if (b != '\r') {
          empty = false;
        }
      }
    }
    if (!empty) {
      nonBlank++;
    }
    return new PhysicalLines(Arrays.copyOf(blank, blanks), nonBlank);
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
}
