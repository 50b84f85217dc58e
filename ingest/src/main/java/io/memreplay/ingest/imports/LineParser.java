package io.memreplay.ingest.imports;

/** Turns one line of a trace format into a memory access, or says the line carries none or is malformed. */
interface LineParser {

  /** What a line was. */
  enum Outcome {
    /** A memory access, now in the {@link ParsedAccess}. */
    ACCESS,
    /** A line the format allows that is not an access: a comment, a tool's message, a blank line. */
    SKIPPED,
    /** Neither: the cursor's {@link LineCursor#problem()} says why. */
    MALFORMED
  }

  /** Reads the line under {@code line} and, for an access, fills {@code access}. */
  Outcome parse(LineCursor line, ParsedAccess access);
}
