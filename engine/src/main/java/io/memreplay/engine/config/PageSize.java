package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The x86-64 page sizes, smallest first: 4 KB, 2 MB and 1 GB. YAML spells them 4k, 2m and 1g. */
public enum PageSize {
  SIZE_4K(12, "4k"),
  SIZE_2M(21, "2m"),
  SIZE_1G(30, "1g");

  private final int shift;
  private final String yaml;

  PageSize(int shift, String yaml) {
    this.shift = shift;
    this.yaml = yaml;
  }

  /** log2 of the size: an address's page number of this size is {@code address >>> shift()}. */
  public int shift() {
    return shift;
  }

  public long bytes() {
    return 1L << shift;
  }

  @JsonValue
  public String yaml() {
    return yaml;
  }

  /** Parses 4k, 2m or 1g, in any case. */
  @JsonCreator
  public static PageSize parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (PageSize size : values()) {
      if (size.yaml.equals(wanted)) {
        return size;
      }
    }
    throw new IllegalArgumentException("page size must be 4k, 2m or 1g, not '" + text + "'");
  }

  @Override
  public String toString() {
    return yaml;
  }
}
