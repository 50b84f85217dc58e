package io.memreplay.engine.workingset;

import java.util.Locale;

/**
 * Which references a VM's miss-ratio curves are computed from, as {@code replay --mrc} spells it:
 *
 * <ul>
 *   <li>{@code exact}: every reference;
 *   <li>{@code shards-rate:R}: SHARDS with a fixed rate, pages sampled with probability R (0 &lt; R ≤ 1);
 *   <li>{@code shards-size:N}: SHARDS with at most N sampled pages, the rate lowered as more are seen;
 *   <li>{@code auto} or {@code auto:N} (N default {@value #DEFAULT_AUTO_PAGES}): exact while the VM has
 *       touched at most N pages, then {@code shards-size:N}. Few pages give SHARDS too few samples to be
 *       accurate, and few pages are cheap to track exactly; this is the same mechanism as {@code
 *       shards-size:N}, whose sample holds every page until N are seen, and is the default;
 *   <li>{@code off}: no curves.
 * </ul>
 *
 * @param kind which of the above
 * @param rate the fixed rate of {@code shards-rate}; 1 otherwise
 * @param pages the sample size of {@code shards-size} and {@code auto}; 0 otherwise
 */
public record MrcSampling(Kind kind, double rate, int pages) {

  /**
   * 32 MB of 4 KB pages: footprints up to it are tracked exactly, and above it SHARDS keeps this many
   * sampled pages, the sample size Waldspurger et al. found accurate (mean absolute error well under
   * 0.01) across their traces, and small enough for the sampled stack to stay in the processor's caches.
   */
  public static final int DEFAULT_AUTO_PAGES = 8_192;

  public static final MrcSampling AUTO = new MrcSampling(Kind.AUTO, 1, DEFAULT_AUTO_PAGES);
  public static final MrcSampling OFF = new MrcSampling(Kind.OFF, 1, 0);
  public static final MrcSampling EXACT = new MrcSampling(Kind.EXACT, 1, 0);

  /** The ways of computing curves. */
  public enum Kind { OFF, EXACT, AUTO, SHARDS_RATE, SHARDS_SIZE }

  public MrcSampling {
    if (kind == Kind.SHARDS_RATE && !(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("the SHARDS sampling rate must be above 0 and at most 1, is " + rate);
    }
    if ((kind == Kind.SHARDS_SIZE || kind == Kind.AUTO) && pages < 1) {
      throw new IllegalArgumentException("the SHARDS sample must hold at least 1 page, is " + pages);
    }
  }

  /** Reads {@code off}, {@code exact}, {@code auto[:N]}, {@code shards-rate:R} or {@code shards-size:N}. */
  public static MrcSampling parse(String spec) {
    String text = spec.strip().toLowerCase(Locale.ROOT);
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String argument = colon < 0 ? null : text.substring(colon + 1);
    switch (name) {
      case "off", "exact" -> {
        if (argument != null) {
          throw new IllegalArgumentException("'" + name + "' takes no value, got '" + spec + "'");
        }
        return name.equals("off") ? OFF : EXACT;
      }
      case "auto" -> {
        return new MrcSampling(Kind.AUTO, 1, argument == null ? DEFAULT_AUTO_PAGES : pages(argument, spec));
      }
      case "shards-size" -> {
        return new MrcSampling(Kind.SHARDS_SIZE, 1, pages(required(argument, spec), spec));
      }
      case "shards-rate" -> {
        try {
          return new MrcSampling(Kind.SHARDS_RATE, Double.parseDouble(required(argument, spec)), 0);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("'" + spec + "': the rate must be a number such as 0.01");
        }
      }
      default -> throw new IllegalArgumentException("'" + spec
          + "' is not a way of computing miss-ratio curves: use auto, auto:PAGES, exact, shards-rate:RATE, shards-size:PAGES or off");
    }
  }

  public boolean enabled() {
    return kind != Kind.OFF;
  }

  /** A fresh tracker of one VM's stack distances; {@code seed} chooses the sampled pages. */
  MissRatioTracker newTracker(long seed) {
    return switch (kind) {
      case EXACT -> new ExactMrc();
      case SHARDS_RATE -> ShardsMrc.fixedRate(rate, seed);
      case SHARDS_SIZE, AUTO -> ShardsMrc.fixedSize(pages, seed);
      case OFF -> throw new IllegalStateException("miss-ratio curves are off");
    };
  }

  /** The canonical spelling, as {@link #parse} reads it; part of the replay's identity. */
  @Override
  public String toString() {
    return switch (kind) {
      case OFF -> "off";
      case EXACT -> "exact";
      case AUTO -> "auto:" + pages;
      case SHARDS_RATE -> "shards-rate:" + rate;
      case SHARDS_SIZE -> "shards-size:" + pages;
    };
  }

  private static String required(String argument, String spec) {
    if (argument == null || argument.isEmpty()) {
      throw new IllegalArgumentException("'" + spec + "' needs a value after the colon");
    }
    return argument;
  }

  private static int pages(String argument, String spec) {
    try {
      return Integer.parseInt(argument);
    } catch (NumberFormatException e) {
      if (argument.matches("\\+?[0-9]+")) {
        String limit = String.format(Locale.ROOT, "%,d", Integer.MAX_VALUE);
        throw new IllegalArgumentException("'" + spec + "': the sample size is at most " + limit + " pages", e);
      }
      throw new IllegalArgumentException("'" + spec + "': the sample size must be a whole number of pages", e);
    }
  }
}
