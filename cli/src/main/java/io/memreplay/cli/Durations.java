package io.memreplay.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line: a number and a unit, {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}. */
final class Durations {

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");

  private Durations() {}

  /** Nanoseconds of a duration such as "60s". */
  static long parseNs(String text) {
    Matcher matcher = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new TypeConversionException("'" + text + "' is not a duration; write a number and a unit: ns, us, ms, s, m or h (e.g. 60s)");
    }
    double amount = Double.parseDouble(matcher.group(1));
    long unitNs = switch (matcher.group(2)) {
      case "ns" -> 1L;
      case "us" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      default -> 3_600_000_000_000L;
    };
    long ns = Math.round(amount * unitNs);
    if (ns <= 0) {
      throw new TypeConversionException("'" + text + "' must be longer than 0");
    }
    return ns;
  }

  /** A duration for people: "30.0 min", "1.5 s", "250 ms". */
  static String describe(long ns) {
    if (ns >= 3_600_000_000_000L) {
      return String.format("%.1f h", ns / 3.6e12);
    }
    if (ns >= 60_000_000_000L) {
      return String.format("%.1f min", ns / 6e10);
    }
    if (ns >= 1_000_000_000L) {
      return String.format("%.1f s", ns / 1e9);
    }
    return String.format("%.1f ms", ns / 1e6);
  }

  /** picocli converter for single durations. */
  static final class Converter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return parseNs(value);
    }
  }
}
