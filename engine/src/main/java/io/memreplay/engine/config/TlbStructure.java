package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * One TLB structure of a level: which page sizes it holds, its entries and its associativity. YAML: {@code
 * {page_sizes: [4k, 2m], entries: 1536, ways: 12}}; without {@code ways} it is fully associative. The sets
 * (entries / ways) must be a power of two, as the TLB model indexes them by the page number's low bits.
 */
public record TlbStructure(List<PageSize> pageSizes, int entries, int ways) {

  @JsonCreator
  public TlbStructure(
      @JsonProperty(value = "page_sizes", required = true) List<PageSize> pageSizes,
      @JsonProperty(value = "entries", required = true) Integer entries,
      @JsonProperty("ways") Integer ways) {
    this(pageSizes, entries.intValue(), ways == null ? entries.intValue() : ways.intValue());
  }

  public TlbStructure {
    String structure = describe(pageSizes, entries, ways);
    if (pageSizes == null || pageSizes.isEmpty() || pageSizes.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(structure + ": page_sizes must list at least one of 4k, 2m, 1g");
    }
    if (EnumSet.copyOf(pageSizes).size() != pageSizes.size()) {
      throw new IllegalArgumentException(structure + ": page_sizes lists a size twice");
    }
    setsOf(entries, ways, structure);
    pageSizes = List.copyOf(pageSizes);
  }

  public boolean holds(PageSize size) {
    return pageSizes.contains(size);
  }

  /** As YAML writes it, so that messages show the structure the way its author wrote it. */
  @Override
  public String toString() {
    return describe(pageSizes, entries, ways);
  }

  private static String describe(List<PageSize> pageSizes, int entries, int ways) {
    return "{page_sizes: " + pageSizes + ", entries: " + entries + ", ways: " + ways + "}";
  }

  /**
   * The sets of a structure of {@code entries} entries in sets of {@code ways}, or an error naming {@code
   * structure} when they are not a positive whole power of two (a fully associative structure has one set).
   */
  public static int setsOf(int entries, int ways, String structure) {
    if (entries <= 0 || ways <= 0) {
      throw new IllegalArgumentException(structure + ": entries (" + entries + ") and ways (" + ways
          + ") must be positive");
    }
    if (entries % ways != 0) {
      throw new IllegalArgumentException(structure + ": entries (" + entries + ") must be a multiple of ways ("
          + ways + ")");
    }
    int sets = entries / ways;
    if (Integer.bitCount(sets) != 1) {
      throw new IllegalArgumentException(structure + ": " + entries + " entries in sets of " + ways + " ways make "
          + sets + " sets, but the number of sets must be a power of two (or ways = entries: fully associative)");
    }
    return sets;
  }
}
