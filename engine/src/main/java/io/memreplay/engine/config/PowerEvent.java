package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A VM powering on or off at a moment of trace time. A power-on goes through admission control and may
 * be refused; a power-off frees everything the VM held.
 *
 * @param atS trace time in seconds
 */
public record PowerEvent(double atS, int vm, Action action) {

  /** The latest time in seconds whose nanoseconds fit a long (about 292 years). */
  static final double MAX_S = Long.MAX_VALUE / 1e9;

  /** What happens to the VM. */
  public enum Action {
    POWER_ON,
    POWER_OFF;

    @JsonValue
    public String yaml() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Action parse(String text) {
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "power-on" -> POWER_ON;
        case "power-off" -> POWER_OFF;
        default -> throw new IllegalArgumentException("timeline action must be power-on or power-off, not '" + text + "'");
      };
    }
  }

  @JsonCreator
  public PowerEvent(@JsonProperty(value = "at_s", required = true) Double atS,
      @JsonProperty(value = "vm", required = true) Integer vm,
      @JsonProperty(value = "action", required = true) Action action) {
    this(atS.doubleValue(), vm.intValue(), action);
  }

  /** Trace time in nanoseconds. */
  public long atNs() {
    return Math.round(atS * 1e9);
  }
}
