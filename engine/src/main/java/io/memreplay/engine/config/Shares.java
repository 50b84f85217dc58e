package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A VM's memory shares: a level (low, normal, high = 5, 10, 20 shares per MB of configured memory, the
 * vSphere scale) or an absolute number of shares.
 */
public final class Shares {

  public static final Shares LOW = new Shares("low", 5, 0);
  public static final Shares NORMAL = new Shares("normal", 10, 0);
  public static final Shares HIGH = new Shares("high", 20, 0);

  private final String text;
  private final int perMb;
  private final long absolute;

  private Shares(String text, int perMb, long absolute) {
    this.text = text;
    this.perMb = perMb;
    this.absolute = absolute;
  }

  /** Parses "low", "normal", "high" or a positive number. */
  @JsonCreator
  public static Shares parse(Object value) {
    String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    switch (text) {
      case "low":
        return LOW;
      case "normal":
        return NORMAL;
      case "high":
        return HIGH;
      default:
        try {
          long number = Long.parseLong(text);
          if (number > 0) {
            return new Shares(text, 0, number);
          }
        } catch (NumberFormatException ignored) {
          // falls through to the error below
        }
        throw new IllegalArgumentException("shares must be low, normal, high or a positive number, not '" + value + "'");
    }
  }

  /** Shares of a VM with {@code configuredMb} of memory. */
  public long of(long configuredMb) {
    return absolute > 0 ? absolute : perMb * configuredMb;
  }

  @JsonValue
  public Object toYaml() {
    return absolute > 0 ? (Object) absolute : text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Shares && ((Shares) other).text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
