package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The host's free-memory states, from most to least free memory (docs/model.md "Host memory"). A state is
 * entered when free memory falls below its threshold; see {@link FreeMemoryStates}.
 */
public enum MemoryState {
  HIGH,
  CLEAR,
  SOFT,
  HARD,
  LOW;

  @JsonValue
  public String yaml() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static MemoryState parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("memory states are high, clear, soft, hard and low, not '" + text + "'");
    }
  }
}
