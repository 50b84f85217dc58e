package io.memreplay.ingest.imports.demand;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of one record's mapped columns into a {@link Sample}, or says why it cannot be one: a
 * missing or unparseable value, a negative amount, an unknown unit, a timestamp before 1970, touched below
 * active. Memory becomes 4 KB pages, rounded to the nearest page; times become nanoseconds.
 */
final class SampleParser {

  /** Why a record cannot be a sample. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }

  /** A number, then optionally a unit: "1024", "1.5 GB", "35 %", "2e6 KiB". */
  private static final Pattern QUANTITY =
      Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\\s*(\\S*)");
  /** More pages than any host has (2^50 bytes): a value past it is a unit mix-up, not memory. */
  private static final double MAX_PAGES = (double) (1L << 38);

  private final ColumnMap map;
  private final java.util.List<ColumnMap.Column> columns;
  /** The configured memory of every VM (--guest-mb), in bytes, for percentages; 0 when not given. */
  private final long guestBytes;

  SampleParser(ColumnMap map, long guestMb) {
    this.map = map;
    this.columns = map.columns();
    this.guestBytes = guestMb << 20;
  }

  /**
   * The sample of one record.
   *
   * @param values the text of each mapped column, in the order of {@link ColumnMap#columns()} (null when empty)
   * @param isoTsNs DuckDB's reading of the timestamp as TIMESTAMPTZ, in ns, or null when it is none
   */
  Sample parse(String[] values, Long isoTsNs) throws Problem {
    String vm = value(values, map.vm(), "VM name");
    long tsNs = timestamp(value(values, map.ts(), "timestamp"), isoTsNs);
    long configured = -1;
    if (map.configured() != null) {
      configured = pages(value(values, map.configured(), "configured memory"), map.configuredUnit(), 0,
          "configured memory");
      if (configured == 0) {
        throw new Problem("the configured memory is 0");
      }
    }
    long configuredBytes = configured > 0 ? configured * MemoryUnit.PAGE_BYTES : guestBytes;
    long active = pages(value(values, map.active(), "active memory"), map.activeUnit(), configuredBytes,
        "active memory");
    long touched = -1;
    if (map.touched() != null) {
      touched = pages(value(values, map.touched(), "touched memory"), map.touchedUnit(), configuredBytes,
          "touched memory");
      if (touched < active) {
        throw new Problem("touched memory (" + touched + " pages) is below active memory (" + active + " pages)");
      }
    }
    long period = -1;
    if (map.period() != null) {
      period = nanos(value(values, map.period(), "period"), map.periodUnit(), "period");
      if (period <= 0) {
        throw new Problem("the period must be positive, was " + values[index(map.period())]);
      }
    }
    return new Sample(vm, tsNs, period, active, touched, configured);
  }

  private long timestamp(String text, Long isoTsNs) throws Problem {
    long ts;
    if (map.tsUnit() == TimeUnit.ISO) {
      if (isoTsNs == null) {
        throw new Problem("'" + text + "' is not a timestamp (ISO 8601 such as 2024-01-01T00:00:20Z expected; for"
            + " epoch numbers map ts_s=, ts_ms=, ts_us= or ts_ns=)");
      }
      ts = isoTsNs;
    } else {
      ts = nanos(text, map.tsUnit(), "timestamp");
    }
    if (ts < 0) {
      throw new Problem("the timestamp " + text + " is before 1970");
    }
    return ts;
  }

  private static long nanos(String text, TimeUnit unit, String field) throws Problem {
    try {
      return new BigDecimal(text.trim()).multiply(BigDecimal.valueOf(unit.nanos())).setScale(0, RoundingMode.HALF_UP)
          .longValueExact();
    } catch (NumberFormatException e) {
      throw new Problem("the " + field + " '" + text + "' is not a number of " + unit.label());
    } catch (ArithmeticException e) {
      throw new Problem("the " + field + " '" + text + "' " + unit.label() + " is out of range");
    }
  }

  /** {@code text} in 4 KB pages; a unit written after the number overrides the column's. */
  private static long pages(String text, MemoryUnit columnUnit, long configuredBytes, String field) throws Problem {
    Matcher quantity = QUANTITY.matcher(text.trim());
    if (!quantity.matches()) {
      throw new Problem("the " + field + " '" + text + "' is not a number");
    }
    double value = Double.parseDouble(quantity.group(1));
    MemoryUnit unit = columnUnit;
    if (!quantity.group(2).isEmpty()) {
      unit = MemoryUnit.ofSuffix(quantity.group(2));
      if (unit == null) {
        throw new Problem("the " + field + " '" + text + "' has an unknown unit '" + quantity.group(2) + "' (known: "
            + MemoryUnit.knownSuffixes() + ")");
      }
    }
    if (value < 0) {
      throw new Problem("the " + field + " " + text + " is negative");
    }
    double bytes;
    if (unit == MemoryUnit.PCT) {
      if (configuredBytes <= 0) {
        throw new Problem("the " + field + " " + text + " is a percentage, but the VM's configured memory is not"
            + " known: map configured_<unit>= or give --guest-mb");
      }
      if (value > 100) {
        throw new Problem("the " + field + " " + text + " is more than 100%");
      }
      bytes = value / 100 * configuredBytes;
    } else {
      bytes = value * unit.bytes();
    }
    double pages = Math.rint(bytes / MemoryUnit.PAGE_BYTES);
    if (!(pages <= MAX_PAGES)) {
      throw new Problem("the " + field + " " + text + (unit == columnUnit ? " " + unit.label() : "")
          + " is more memory than any host has; is the unit right?");
    }
    return (long) pages;
  }

  private String value(String[] values, ColumnMap.Column column, String what) throws Problem {
    String value = values[index(column)];
    if (value == null || value.isBlank()) {
      throw new Problem("no " + what + " (column '" + column.name() + "' is empty)");
    }
    return value;
  }

  private int index(ColumnMap.Column column) {
    return columns.indexOf(column);
  }
}
