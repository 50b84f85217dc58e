package io.memreplay.engine.replay;

import java.util.Locale;

/** How a VM's trace keeps time with the host's: see {@link VmClocks}. */
public enum Pacing {
  /** A VM that waits on the host falls behind: its later events move by its stall (the default). */
  CLOSED_LOOP,
  /** Every event happens at its recorded time, whatever the VM waited: stall is only a number. */
  OPEN_LOOP;

  /** The option's spelling: {@code closed-loop} or {@code open-loop}. */
  public String spelling() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Pacing parse(String text) {
    for (Pacing pacing : values()) {
      if (pacing.spelling().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return pacing;
      }
    }
    throw new IllegalArgumentException("pacing must be closed-loop or open-loop, not '" + text + "'");
  }
}
