package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which entry of a full TLB set a fill evicts. Vendors do not document their TLBs' policies; a pseudo-LRU is
 * the default, as TLB simulators usually choose. Empty ways are filled lowest first under every policy; a
 * policy chooses only among full sets (docs/model.md). YAML: lru, tree-plru, random.
 */
public enum Replacement {
  /** True LRU: the entry used longest ago. */
  LRU,
  /** Tree pseudo-LRU: a binary tree of ways − 1 bits per set points at the victim; needs 2, 4, ... 64 ways. */
  TREE_PLRU,
  /** A way drawn from a seeded generator, so one seed always gives the same evictions. */
  RANDOM;

  @JsonValue
  public String yaml() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static Replacement parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (Replacement replacement : values()) {
      if (replacement.yaml().equals(wanted)) {
        return replacement;
      }
    }
    throw new IllegalArgumentException("replacement must be lru, tree-plru or random, not '" + text + "'");
  }

  /** Throws when this policy cannot manage sets of {@code ways} ways; {@code structure} names them in the message. */
  public void requireSupports(int ways, String structure) {
    if (this == TREE_PLRU && (Integer.bitCount(ways) != 1 || ways > 64)) {
      throw new IllegalArgumentException(structure + " has " + ways + " ways, but tree-plru needs a power of two"
          + " up to 64 (a binary tree over the ways, one 64-bit word per set); choose replacement lru or random"
          + " for this geometry");
    }
  }
}
