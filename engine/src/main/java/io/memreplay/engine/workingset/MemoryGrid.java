package io.memreplay.engine.workingset;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LRU memory sizes a miss-ratio curve is given at, as {@code replay --mrc-grid} spells them: evenly
 * up to the curve's reach, fractions of the window's working set, absolute sizes, or the last two mixed.
 *
 * <ul>
 *   <li>{@code steps:N} (default {@code steps:20}): N sizes evenly spaced up to the window's <i>reach</i>,
 *       k/N of it for k = 1..N. The reach is the smallest memory at which the window's miss ratio is as
 *       low as it gets (one more than its largest finite stack distance): beyond it only first references
 *       miss. Since the memory runs on from window to window, the reach often exceeds the window's working
 *       set, by the pages last used in earlier windows that the window comes back to;
 *   <li>a comma-separated list of {@code P%} (P percent of the window's working set, its distinct pages;
 *       above 100 allowed) and absolute sizes {@code Np} (pages), {@code Nk}, {@code Nm}, {@code Ng},
 *       {@code Nt} (KiB ... TiB, rounded up to whole 4 KB pages).
 * </ul>
 *
 * A fraction f of W pages is ⌈f × W⌉ pages, at least 1, computed exactly (fractions are held as integer
 * ratios). Sizes that coincide are given once, in ascending order.
 */
public final class MemoryGrid {

  public static final MemoryGrid DEFAULT = steps(20);

  private static final int MAX_POINTS = 10_000;
  private static final long PAGE_BYTES = 4096;
  /** 1 PiB, the most memory a scenario may give a host or VM: a larger size would be past every curve's end. */
  private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(1L << 50);
  /**
   * A thousand times the working set, in steps of a millionth of a percent: such fractions of any number of
   * pages are exact ratios of 64-bit integers.
   */
  private static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(100_000);
  private static final int MAX_PERCENT_DECIMALS = 6;
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([pkmgt])b?");
  private static final Pattern STEPS = Pattern.compile("steps:(\\d+)");

  /** True when the fractions are of the reach ({@code steps:N}), false when of the working set. */
  private final boolean ofReach;
  /** Fraction i is numerators[i] / denominators[i]. */
  private final long[] numerators;
  private final long[] denominators;
  private final long[] pages;
  private final String spec;

  private MemoryGrid(boolean ofReach, long[] numerators, long[] denominators, long[] pages, String spec) {
    int fractions = numerators.length;
    if (fractions + pages.length == 0) {
      throw new IllegalArgumentException("a memory grid needs at least one size");
    }
    if (fractions + pages.length > MAX_POINTS) {
      throw new IllegalArgumentException("a memory grid has at most " + MAX_POINTS + " sizes");
    }
    this.ofReach = ofReach;
    this.numerators = numerators;
    this.denominators = denominators;
    this.pages = pages;
    this.spec = spec;
  }

  /** {@code n} sizes: 1/n, 2/n, ... n/n of the reach. */
  public static MemoryGrid steps(int n) {
    if (n < 1 || n > MAX_POINTS) {
      throw new IllegalArgumentException("steps:N takes N from 1 to " + MAX_POINTS + ", got " + n);
    }
    long[] numerators = new long[n];
    long[] denominators = new long[n];
    for (int k = 1; k <= n; k++) {
      numerators[k - 1] = k;
      denominators[k - 1] = n;
    }
    return new MemoryGrid(true, numerators, denominators, new long[0], "steps:" + n);
  }

  /** Reads {@code steps:N} or a list of percentages and sizes (see the class comment). */
  public static MemoryGrid parse(String text) {
    String given = text.strip().replace(" ", "");
    String spec = given.toLowerCase(Locale.ROOT);
    Matcher steps = STEPS.matcher(spec);
    if (steps.matches()) {
      try {
        return steps(Integer.parseInt(steps.group(1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("steps:N takes N from 1 to " + MAX_POINTS + ", got '" + text + "'");
      }
    }
    TreeSet<BigDecimal> percents = new TreeSet<>();
    TreeSet<Long> sizes = new TreeSet<>();
    for (String item : given.split(",", -1)) {
      String lowerCase = item.toLowerCase(Locale.ROOT);
      Matcher percent = PERCENT.matcher(lowerCase);
      Matcher size = SIZE.matcher(lowerCase);
      if (percent.matches()) {
        BigDecimal value = new BigDecimal(percent.group(1)).stripTrailingZeros();
        if (value.signum() <= 0) {
          throw new IllegalArgumentException("'" + item + "' in the memory grid: a fraction of the working set must be above 0%");
        }
        if (value.compareTo(MAX_PERCENT) > 0 || value.scale() > MAX_PERCENT_DECIMALS) {
          throw new IllegalArgumentException("'" + item + "' in the memory grid: a fraction of the working set is at most "
              + MAX_PERCENT.toPlainString() + "%, with at most " + MAX_PERCENT_DECIMALS + " decimals");
        }
        percents.add(value);
      } else if (size.matches()) {
        BigDecimal bytes = new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(unitBytes(size.group(2))))
            .setScale(0, RoundingMode.CEILING);
        if (bytes.signum() <= 0) {
          throw new IllegalArgumentException("'" + item + "' in the memory grid: a size must be above 0");
        }
        if (bytes.compareTo(MAX_BYTES) > 0) {
          throw new IllegalArgumentException("'" + item + "' in the memory grid is more memory than memreplay models: "
              + "a size is at most 1 PiB (1024t)");
        }
        sizes.add(ceilDiv(bytes.longValueExact(), PAGE_BYTES));
      } else {
        throw new IllegalArgumentException("'" + item + "' in the memory grid is neither a percentage of the working set "
            + "(e.g. 50%) nor a size (e.g. 256m, 1g, 1000p); or give steps:N");
      }
    }
    List<String> canonical = new ArrayList<>();
    percents.forEach(p -> canonical.add(p.toPlainString() + "%"));
    sizes.forEach(p -> canonical.add(p + "p"));
    // P% = (P * 10^d) / (100 * 10^d) for P's d decimals, e.g. 12.5% = 125 / 1000, 1000% = 1000 / 100
    long[] numerators = percents.stream().mapToLong(p -> p.movePointRight(decimals(p)).longValueExact()).toArray();
    long[] denominators = percents.stream()
        .mapToLong(p -> BigDecimal.valueOf(100).movePointRight(decimals(p)).longValueExact()).toArray();
    long[] pages = sizes.stream().mapToLong(Long::longValue).toArray();
    return new MemoryGrid(false, numerators, denominators, pages, String.join(",", canonical));
  }

  /**
   * The sizes, in pages, ascending and distinct, for a window whose working set is {@code workingSetPages}
   * and whose reach is {@code reachPages}.
   */
  public long[] sizes(long workingSetPages, long reachPages) {
    long whole = ofReach ? reachPages : workingSetPages;
    int fractions = numerators.length;
    long[] all = new long[fractions + pages.length];
    for (int i = 0; i < fractions; i++) {
      all[i] = Math.max(1, fractionOf(numerators[i], denominators[i], whole));
    }
    System.arraycopy(pages, 0, all, fractions, pages.length);
    return Arrays.stream(all).sorted().distinct().toArray();
  }

  /**
   * ⌈numerator × whole / denominator⌉, exactly: the product may pass 2^63 (a millionth of a percent is a
   * numerator of up to 10^11) though the result, at most a thousand times {@code whole}, does not.
   */
  private static long fractionOf(long numerator, long denominator, long whole) {
    BigInteger[] quotient = BigInteger.valueOf(numerator).multiply(BigInteger.valueOf(whole))
        .divideAndRemainder(BigInteger.valueOf(denominator));
    return quotient[0].longValueExact() + quotient[1].signum();
  }

  /** Digits after the point; none for a whole number, which stripTrailingZeros may give a negative scale (1E+3). */
  private static int decimals(BigDecimal value) {
    return Math.max(value.scale(), 0);
  }

  /** ⌈a / b⌉ for a ≥ 0, b > 0 (Math.ceilDiv is Java 18). */
  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static long unitBytes(String unit) {
    return switch (unit) {
      case "p" -> PAGE_BYTES;
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      case "g" -> 1L << 30;
      default -> 1L << 40;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MemoryGrid grid && grid.spec.equals(spec);
  }

  @Override
  public int hashCode() {
    return spec.hashCode();
  }

  /** The canonical spelling, which {@link #parse} reads back; part of the replay's identity. */
  @Override
  public String toString() {
    return spec;
  }
}
