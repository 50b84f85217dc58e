package io.memreplay.ingest.imports.damon;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Numbers as damo writes them into its records: plain, or as text with thousands separators ({@code
 * "94,827,419,009,024"}), sizes with a binary unit ({@code "3.949 MiB"}), times with units, several of them one
 * after the other ({@code "8 m 59.809 s"}). damo reads all of these back; so does memreplay.
 */
final class DamoText {

  private static final Map<String, Long> BYTES = Map.ofEntries(Map.entry("B", 1L),
      Map.entry("K", 1L << 10), Map.entry("KB", 1L << 10), Map.entry("KiB", 1L << 10),
      Map.entry("M", 1L << 20), Map.entry("MB", 1L << 20), Map.entry("MiB", 1L << 20),
      Map.entry("G", 1L << 30), Map.entry("GB", 1L << 30), Map.entry("GiB", 1L << 30),
      Map.entry("T", 1L << 40), Map.entry("TB", 1L << 40), Map.entry("TiB", 1L << 40),
      Map.entry("P", 1L << 50), Map.entry("PB", 1L << 50), Map.entry("PiB", 1L << 50));
  private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L, "d", 86_400_000_000_000L);

  private DamoText() {}

  /** A count: "1,234" or "1234". */
  static long count(String text) {
    return exact(number(text), text);
  }

  /** Bytes (an address or a size): a count, or a number and a unit ("4 KiB"). */
  static long bytes(String text) {
    String trimmed = text.strip();
    int unitStart = trimmed.length();
    while (unitStart > 0 && Character.isLetter(trimmed.charAt(unitStart - 1))) {
      unitStart--;
    }
    String unit = trimmed.substring(unitStart);
    if (unit.isEmpty()) {
      return count(trimmed);
    }
    Long multiplier = BYTES.get(unit);
    if (multiplier == null) {
      throw new NumberFormatException("'" + text + "' has an unknown size unit '" + unit + "'");
    }
    return exact(number(trimmed.substring(0, unitStart)).multiply(BigDecimal.valueOf(multiplier)), text);
  }

  /** Nanoseconds: a count, or pairs of a number and a unit ("1 m 2.5 s", "100 ms"). */
  static long nanos(String text) {
    String[] fields = text.strip().split("\\s+");
    if (fields.length == 1 && !fields[0].isEmpty() && !Character.isLetter(fields[0].charAt(fields[0].length() - 1))) {
      return count(fields[0]);
    }
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i];
      int unitStart = field.length();
      while (unitStart > 0 && Character.isLetter(field.charAt(unitStart - 1))) {
        unitStart--;
      }
      String number = field.substring(0, unitStart);
      String unit = field.substring(unitStart);
      if (unit.isEmpty() && i + 1 < fields.length) {
        unit = fields[++i];
      }
      Long multiplier = NANOS.get(unit);
      if (multiplier == null || number.isEmpty()) {
        throw new NumberFormatException("'" + text + "' is not a time (e.g. 539809434100, or 8 m 59.809 s)");
      }
      total = total.add(number(number).multiply(BigDecimal.valueOf(multiplier)));
    }
    return exact(total, text);
  }

  private static BigDecimal number(String text) {
    String plain = text.strip().replace(",", "");
    if (plain.isEmpty()) {
      throw new NumberFormatException("an empty number");
    }
    try {
      return new BigDecimal(plain);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("'" + text + "' is not a number");
    }
  }

  private static long exact(BigDecimal value, String text) {
    try {
      return value.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new NumberFormatException("'" + text + "' is out of range");
    }
  }
}
