package io.memreplay.ingest.imports.demand;

import java.util.Locale;

/**
 * The unit of a memory column, named in {@code --map} ({@code active_mb=...}) or written after a value
 * ({@code "1.5 GB"}). KB, MB and GB are binary (1024), as vCenter, esxtop and the Linux kernel report them;
 * {@code pct} is a percentage of the VM's configured memory.
 */
enum MemoryUnit {
  PAGES(4096, "pages"),
  BYTES(1, "bytes"),
  KB(1L << 10, "kb"),
  MB(1L << 20, "mb"),
  GB(1L << 30, "gb"),
  TB(1L << 40, "tb"),
  PCT(0, "pct");

  static final long PAGE_BYTES = 4096;

  private final long bytes;
  private final String label;

  MemoryUnit(long bytes, String label) {
    this.bytes = bytes;
    this.label = label;
  }

  /** The suffix in {@code --map} keys. */
  String label() {
    return label;
  }

  /** Bytes in one unit; 0 for {@link #PCT}, which needs the VM's size. */
  long bytes() {
    return bytes;
  }

  /** The unit of a {@code --map} key suffix, or null. */
  static MemoryUnit ofLabel(String label) {
    for (MemoryUnit unit : values()) {
      if (unit.label.equals(label)) {
        return unit;
      }
    }
    return null;
  }

  /**
   * The unit written after a value: B, KB, KiB, MB, MiB, GB, GiB, TB, TiB (any case), pages, or %; null when
   * it is none of these.
   */
  static MemoryUnit ofSuffix(String suffix) {
    String s = suffix.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "b", "bytes" -> BYTES;
      case "k", "kb", "kib" -> KB;
      case "m", "mb", "mib" -> MB;
      case "g", "gb", "gib" -> GB;
      case "t", "tb", "tib" -> TB;
      case "page", "pages" -> PAGES;
      case "%" -> PCT;
      default -> null;
    };
  }

  static String knownSuffixes() {
    return "B, KB, KiB, MB, MiB, GB, GiB, TB, TiB, pages, %";
  }
}
