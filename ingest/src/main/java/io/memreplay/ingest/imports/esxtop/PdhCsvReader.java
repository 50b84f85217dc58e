package io.memreplay.ingest.imports.esxtop;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The records of a CSV stream in the Windows PerfMon form esxtop's batch mode writes: every field in double
 * quotes (a quote inside doubled), records ended by a line break. A record is held as one byte buffer with the
 * bounds of its fields, so that a row of tens of thousands of fields ({@code esxtop -a}) costs no object per
 * field: only the fields asked for become text. Memory grows with the longest record, not with the file.
 *
 * <p>Unquoted fields are read too; blank lines are skipped. A record that the end of the stream cuts short
 * (a recorder killed mid-write) is delivered and marked not {@link #complete()}.
 */
final class PdhCsvReader implements Closeable {

  private static final int READ_BYTES = 1 << 16;

  private final InputStream in;
  private final byte[] input = new byte[READ_BYTES];
  private int inputPosition;
  private int inputLimit;
  private boolean endOfStream;

  private byte[] record = new byte[1 << 12];
  private int recordLength;
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int fields;
  private boolean complete;
  /** Lines consumed so far; the current record starts on {@link #line}. */
  private long linesRead;
  private long line;

  PdhCsvReader(InputStream in) {
    this.in = in;
  }

  /** Moves to the next record; false at the end of the stream. */
  boolean next() throws IOException {
    while (true) {
      int first = peek();
      if (first < 0) {
        return false;
      }
      if (first == '\n' || first == '\r') {
        // a blank line
        take();
        if (first == '\n') {
          linesRead++;
        }
        continue;
      }
      readRecord();
      return true;
    }
  }

  /** The line the current record starts on, from 1. */
  long line() {
    return line;
  }

  int fields() {
    return fields;
  }

  /** The record ended with a line break (false: the stream ended inside it). */
  boolean complete() {
    return complete;
  }

  /** Field {@code i}, unquoted. */
  String text(int i) {
    return new String(record, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
  }

  /** Field {@code i} is empty or only blanks: esxtop's way of saying it had no value then. */
  boolean blank(int i) {
    for (int b = starts[i]; b < ends[i]; b++) {
      if (record[b] != ' ' && record[b] != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Field {@code i} starts with {@code prefix} (ASCII). */
  boolean startsWith(int i, String prefix) {
    if (ends[i] - starts[i] < prefix.length()) {
      return false;
    }
    for (int c = 0; c < prefix.length(); c++) {
      if (record[starts[i] + c] != prefix.charAt(c)) {
        return false;
      }
    }
    return true;
  }

  private void readRecord() throws IOException {
    line = linesRead + 1;
    recordLength = 0;
    fields = 0;
    complete = false;
    while (true) {
      startField();
      int b = peek();
      if (b == '"') {
        take();
        readQuoted();
        // what follows the closing quote, up to the separator, is kept as it is
      }
      while (true) {
        b = take();
        if (b < 0) {
          endField();
          return;
        }
        if (b == ',') {
          endField();
          break;
        }
        if (b == '\n') {
          linesRead++;
          endField();
          complete = true;
          return;
        }
        if (b == '\r' && peek() == '\n') {
          continue;
        }
        append(b);
      }
    }
  }

  /** The inside of a quoted field, up to its closing quote (or the end of the stream). */
  private void readQuoted() throws IOException {
    while (true) {
      int b = take();
      if (b < 0) {
        return;
      }
      if (b == '"') {
        if (peek() != '"') {
          return;
        }
        take();
      } else if (b == '\n') {
        linesRead++;
      }
      append(b);
    }
  }

  private void startField() {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
    }
    starts[fields] = recordLength;
  }

  private void endField() {
    ends[fields++] = recordLength;
  }

  private void append(int b) {
    if (recordLength == record.length) {
      record = Arrays.copyOf(record, record.length * 2);
    }
    record[recordLength++] = (byte) b;
  }

  private int peek() throws IOException {
    if (inputPosition == inputLimit && !fill()) {
      return -1;
    }
    return input[inputPosition] & 0xFF;
  }

  private int take() throws IOException {
    if (inputPosition == inputLimit && !fill()) {
      return -1;
    }
    return input[inputPosition++] & 0xFF;
  }

  private boolean fill() throws IOException {
    while (!endOfStream) {
      int read = in.read(input, 0, input.length);
      if (read < 0) {
        endOfStream = true;
      } else if (read > 0) {
        inputPosition = 0;
        inputLimit = read;
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
