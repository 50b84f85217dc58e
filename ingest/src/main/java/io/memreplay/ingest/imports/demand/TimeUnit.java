package io.memreplay.ingest.imports.demand;

/**
 * How a time column is written: ISO 8601 text (or whatever DuckDB casts to TIMESTAMPTZ; no zone means UTC),
 * or a number of seconds, milliseconds, microseconds or nanoseconds (since the Unix epoch for timestamps).
 */
enum TimeUnit {
  ISO(0, ""),
  S(1_000_000_000L, "s"),
  MS(1_000_000L, "ms"),
  US(1_000L, "us"),
  NS(1L, "ns");

  private final long nanos;
  private final String label;

  TimeUnit(long nanos, String label) {
    this.nanos = nanos;
    this.label = label;
  }

  /** Nanoseconds in one unit; 0 for {@link #ISO}. */
  long nanos() {
    return nanos;
  }

  /** The suffix in {@code --map} keys: {@code ts_ms}; empty for ISO ({@code ts}). */
  String label() {
    return label;
  }

  /** The unit of a {@code --map} key suffix (empty for ISO), or null. */
  static TimeUnit ofLabel(String label) {
    for (TimeUnit unit : values()) {
      if (unit.label.equals(label)) {
        return unit;
      }
    }
    return null;
  }
}
