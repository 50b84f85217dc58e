package io.memreplay.ingest.imports;

/**
 * A line or record an importer could not use, as its summary shows the first few: its file, its line number
 * from 1, and why.
 */
public record RejectedLine(String source, long line, String reason) {

  /** For people: "FILE line N: REASON". */
  public String describe() {
    return String.format("%s line %,d: %s", source, line, reason);
  }
}
