package io.memreplay.ingest.imports;

/** The text trace formats memreplay imports, each with the parser of its lines. */
public enum TraceFormat {
  /** valgrind {@code --tool=lackey --trace-mem=yes}: see {@link LackeyLineParser}. */
  LACKEY("lackey", new LackeyLineParser()),
  /** Intel Pin's {@code pinatrace}: see {@link PinatraceLineParser}. */
  PIN("pin", new PinatraceLineParser());

  private final String label;
  private final LineParser parser;

  TraceFormat(String label, LineParser parser) {
    this.label = label;
    this.parser = parser;
  }

  /** The name users give on the command line. */
  public String label() {
    return label;
  }

  /** The parsers keep no state between lines, so one serves every file. */
  LineParser parser() {
    return parser;
  }
}
