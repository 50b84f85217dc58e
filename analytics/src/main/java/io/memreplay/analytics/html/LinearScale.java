package io.memreplay.analytics.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a data interval onto a pixel interval, with "nice" ticks (1, 2 or 5 times a power of ten apart).
 * The domain is widened to whole ticks, so axes start and end on a labelled value.
 */
final class LinearScale {

  private static final int TICKS = 5;

  private final double min;
  private final double max;
  private final double step;
  private final double from;
  private final double to;

  /** A scale for data in [{@code low}, {@code high}] drawn from pixel {@code from} to pixel {@code to}. */
  LinearScale(double low, double high, double from, double to) {
    if (!(high > low)) {
      high = low + (low == 0 ? 1 : Math.abs(low));
    }
    this.step = niceStep(high - low);
    this.min = Math.floor(low / step + 1e-9) * step;
    this.max = Math.ceil(high / step - 1e-9) * step;
    this.from = from;
    this.to = to;
  }

  double map(double value) {
    return from + (value - min) / (max - min) * (to - from);
  }

  double min() {
    return min;
  }

  double max() {
    return max;
  }

  List<Double> ticks() {
    List<Double> ticks = new ArrayList<>();
    for (double tick = min; tick <= max + step / 2; tick += step) {
      ticks.add(Math.abs(tick) < step / 1e6 ? 0 : tick);
    }
    return ticks;
  }

  /** A tick's label: as many decimals as the step needs. */
  String label(double tick) {
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    return BigDecimal.valueOf(tick).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static double niceStep(double span) {
    double raw = span / TICKS;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double normalized = raw / magnitude;
    double nice = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10;
    return nice * magnitude;
  }
}
