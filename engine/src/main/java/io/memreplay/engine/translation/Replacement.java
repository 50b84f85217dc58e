package io.memreplay.engine.translation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Which entry of a full TLB set a fill evicts. Vendors do not document their TLBs' policies; reference
 * translation.md §5 suggests a pseudo-LRU as the default [U]. YAML: lru, tree-plru, random.
 */
public enum Replacement {
  /** True LRU: the entry used longest ago. */
  LRU,
  /** Tree pseudo-LRU: a binary tree of ways−1 bits per set points at the victim; needs power-of-two ways. */
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
  void requireSupports(int ways, String structure) {
    if (this == TREE_PLRU && Integer.bitCount(ways) != 1) {
      throw new IllegalArgumentException(structure + " has " + ways + " ways, but tree-plru needs a power of two"
          + " (a binary tree over the ways); choose replacement lru or random for this geometry");
    }
  }
}
