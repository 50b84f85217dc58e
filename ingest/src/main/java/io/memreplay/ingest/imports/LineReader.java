package io.memreplay.ingest.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a byte stream, one at a time, as a range of a reused buffer: no String and no copy per
 * line, and memory fixed by the buffer whatever the file. A line ends at '\n' (a '\r' before it is
 * dropped, so CRLF files read the same) or at the end of the stream.
 *
 * <p>The buffer does what a {@link java.io.BufferedInputStream} would, without a synchronized call per
 * byte. A line longer than the buffer is delivered once, cut at the buffer's length and marked {@link
 * #overlong()}; the rest of it is skipped.
 */
final class LineReader implements Closeable {

  /** Large enough that refills are rare, small enough to open hundreds of files at once. */
  static final int DEFAULT_BUFFER_BYTES = 1 << 18;

  private final InputStream in;
  private final byte[] buffer;
  /** Unread bytes are {@code [position, limit)}. */
  private int position;
  private int limit;
  private boolean endOfStream;
  /** The last line delivered was overlong: the rest of it is still to be skipped. */
  private boolean overlong;
  private int lineStart;
  private int lineEnd;
  private long lineNumber;

  LineReader(InputStream in) {
    this(in, DEFAULT_BUFFER_BYTES);
  }

  LineReader(InputStream in, int bufferBytes) {
    this.in = in;
    this.buffer = new byte[bufferBytes];
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    if (overlong) {
      skipRestOfLine();
    }
    int searchFrom = position;
    while (true) {
      int newline = find(searchFrom);
      if (newline >= 0) {
        deliver(position, newline, newline + 1);
        return true;
      }
      if (endOfStream) {
        if (position == limit) {
          return false;
        }
        // the last line has no '\n'
        deliver(position, limit, limit);
        return true;
      }
      if (position == 0 && limit == buffer.length) {
        deliver(0, limit, limit);
        overlong = true;
        return true;
      }
      // the bytes already searched move to the front of the buffer
      searchFrom = limit - position;
      compactAndRead();
    }
  }

  /** The buffer that holds the current line. */
  byte[] bytes() {
    return buffer;
  }

  /** Where the current line starts in {@link #bytes()}. */
  int start() {
    return lineStart;
  }

  /** Where the current line ends in {@link #bytes()}, exclusive, without its line terminator. */
  int end() {
    return lineEnd;
  }

  /** The current line's number, from 1, as editors count. */
  long lineNumber() {
    return lineNumber;
  }

  /** The current line was longer than the buffer: it is cut at the buffer's length. */
  boolean overlong() {
    return overlong;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void deliver(int start, int end, int nextPosition) {
    lineStart = start;
    lineEnd = end > start && buffer[end - 1] == '\r' ? end - 1 : end;
    position = nextPosition;
    lineNumber++;
  }

  private int find(int from) {
    for (int i = from; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Moves the unread bytes to the front of the buffer and reads more behind them. */
  private void compactAndRead() throws IOException {
    System.arraycopy(buffer, position, buffer, 0, limit - position);
    limit -= position;
    position = 0;
    int read = in.read(buffer, limit, buffer.length - limit);
    if (read < 0) {
      endOfStream = true;
    } else {
      limit += read;
    }
  }

  /** Drops the part of an overlong line that did not fit, up to and including its '\n'. */
  private void skipRestOfLine() throws IOException {
    overlong = false;
    while (true) {
      int newline = find(position);
      if (newline >= 0) {
        position = newline + 1;
        return;
      }
      position = limit;
      if (endOfStream) {
        return;
      }
      compactAndRead();
    }
  }
}
