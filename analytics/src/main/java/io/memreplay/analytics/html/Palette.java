package io.memreplay.analytics.html;

import java.util.Map;

/** The colours of the charts: series in a fixed order, memory states from calm to alarming. */
final class Palette {

  /** Tableau 10: distinct for most eyes, including the common colour blindnesses for the first few. */
  private static final String[] SERIES = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
      "#ff9da7", "#9c755f", "#bab0ac"};

  /** ESX free-memory states, HIGH (plenty) to LOW (blocking allocations). */
  static final Map<String, String> STATES = Map.of("HIGH", "#59a14f", "CLEAR", "#a0cb6b", "SOFT", "#edc948",
      "HARD", "#f28e2b", "LOW", "#e15759");
  static final String UNKNOWN_STATE = "#bab0ac";

  private Palette() {}

  static String series(int index) {
    return SERIES[Math.floorMod(index, SERIES.length)];
  }

  /**
   * The colour of item {@code index} of {@code count} ordered items (windows of a run), from light to
   * dark blue, so that later ones stand out.
   */
  static String ramp(int index, int count) {
    double t = count <= 1 ? 1 : index / (double) (count - 1);
    int red = (int) Math.round(198 + (8 - 198) * t);
    int green = (int) Math.round(219 + (48 - 219) * t);
    int blue = (int) Math.round(239 + (107 - 239) * t);
    return String.format("#%02x%02x%02x", red, green, blue);
  }
}
