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

  private final long[] blank;
  private final long nonBlank;
  private final long wantedLine;

  private PhysicalLines(long[] blank, long nonBlank, long wantedLine) {
    this.blank = blank;
    this.nonBlank = nonBlank;
    this.wantedLine = wantedLine;
  }

  /**
   * Scans the text {@code in} holds, to its end.
   *
   * @param wanted the non-blank line, from 1, whose line number {@link #wantedLine()} gives
   */
  static PhysicalLines scan(InputStream in, long wanted) throws IOException {
    long[] blank = new long[16];
    int blanks = 0;
    long line = 1;
    long nonBlank = 0;
    long wantedLine = -1;
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
          } else if (++nonBlank == wanted) {
            wantedLine = line;
          }
          line++;
          empty = true;
        } else if (b != '\r') {
          empty = false;
        }
      }
    }
    if (!empty && ++nonBlank == wanted) {
      wantedLine = line;
    }
    return new PhysicalLines(Arrays.copyOf(blank, blanks), nonBlank, wantedLine);
  }

  boolean isBlank(long line) {
    return Arrays.binarySearch(blank, line) >= 0;
  }

  long nonBlankLines() {
    return nonBlank;
  }

  /** The line number of the non-blank line asked for, or -1 when the file has fewer. */
  long wantedLine() {
    return wantedLine;
  }
}
