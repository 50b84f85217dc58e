package io.memreplay.ingest.imports.demand;

import java.util.Arrays;

/**
 * Gives each record DuckDB delivers, in file order, its line number in the file, from 1, as an editor shows
 * it. DuckDB tells neither where a delivered record was nor which blank lines it skipped; it numbers its own
 * rejects (records with the wrong number of fields) by counting a multi-line record as one line. So records
 * are numbered from the first data line, stepping over blank lines ({@link PhysicalLines}) and the lines of
 * DuckDB's rejects, and adding the line breaks inside each record's values; DuckDB's reject lines are
 * translated the same way.
 */
final class LineNumbers {

  private final PhysicalLines physical;
  /** DuckDB's line numbers of its rejects, sorted. */
  private final long[] rejectLines;
  /** Their line numbers in the file, once known. */
  private final long[] rejectPhysical;
  private int nextReject;
  /** The next line in DuckDB's count, which counts a record spanning lines as one. */
  private long duckLine;
  /** Line breaks inside the values of the records so far. */
  private long extra;

  /**
   * @param firstDataLine the line of the first record (after any preamble and the header)
   * @param duckRejectLines DuckDB's line numbers of the records it rejected, sorted
   */
  LineNumbers(PhysicalLines physical, long firstDataLine, long[] duckRejectLines) {
    this.physical = physical;
    this.rejectLines = duckRejectLines;
    this.rejectPhysical = new long[duckRejectLines.length];
    this.duckLine = firstDataLine;
  }

  /** The line of the next delivered record, whose values hold {@code lineBreaks} line breaks. */
  long next(long lineBreaks) {
    skipToRecord();
    long line = duckLine + extra;
    extra += lineBreaks;
    duckLine++;
    return line;
  }

  /** After the last record: the line in the file of each of DuckDB's rejects, in the order given. */
  long[] rejectLines() {
    while (nextReject < rejectLines.length) {
      skipToRecord();
      if (nextReject < rejectLines.length) {
        // a line after the last record that is neither blank nor a reject: DuckDB's header or preamble guess
        duckLine++;
      }
    }
    return Arrays.copyOf(rejectPhysical, rejectPhysical.length);
  }

  /** Steps over blank lines and rejected records until the line is the next delivered record's. */
  private void skipToRecord() {
    while (true) {
      while (nextReject < rejectLines.length && rejectLines[nextReject] < duckLine) {
        rejectPhysical[nextReject] = rejectLines[nextReject] + extra;
        nextReject++;
      }
      if (physical.isBlank(duckLine + extra)) {
        duckLine++;
      } else if (nextReject < rejectLines.length && rejectLines[nextReject] == duckLine) {
        rejectPhysical[nextReject++] = duckLine + extra;
        duckLine++;
      } else {
        return;
      }
    }
  }
}
