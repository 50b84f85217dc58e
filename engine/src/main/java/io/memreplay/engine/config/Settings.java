package io.memreplay.engine.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What the policy sections of this package share: defaults for absent YAML fields, and range checks. */
final class Settings {

  private Settings() {}

  static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  static double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }

  static long or(Long value, long fallback) {
    return value == null ? fallback : value;
  }

  static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  static boolean or(Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }

  /** A list of states from YAML, or {@code fallback} when absent; kept in state order, without repeats. */
  static List<MemoryState> states(List<MemoryState> given, List<MemoryState> fallback) {
    if (given == null) {
      return fallback;
    }
    Set<MemoryState> set = given.isEmpty() ? EnumSet.noneOf(MemoryState.class) : EnumSet.copyOf(given);
    return List.copyOf(set);
  }

  static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }

  static void requirePct(double value, double max, String field) {
    require(value >= 0 && value <= max, field + " must be within [0, " + (long) max + "], is " + value);
  }

  static void requirePositive(double value, String field) {
    require(value > 0 && Double.isFinite(value), field + " must be positive and finite, is " + value);
  }
}
