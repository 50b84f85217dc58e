package io.memreplay.schemas.trace;

import java.util.Locale;

/**
 * How much of a trace dataset is checked against its manifest when it is opened, and so what names the
 * trace in results ({@link TraceDataset#identity()}). Whatever the level, the manifest itself is checked
 * (fields, VMs, each file listed once, in time order, within the span).
 */
public enum Verification {
  /**
   * Every file's size, row count and footer ({@link #CHEAP}), then the SHA-256 of every byte against the
   * manifest's digest and each file's. The identity is the manifest's digest, now proven.
   */
  FULL,
  /**
   * Every file's size, its row count and ts_ns range from its Parquet footer, against the manifest. The
   * identity is a digest of the manifest's digest and every file's size and footer bytes: other data with
   * another footer gets another identity, but a change that leaves sizes and footers alone goes unseen.
   */
  CHEAP,
  /**
   * Nothing but the manifest: the files are taken to be what it says. The identity is the manifest's
   * digest marked as trusted, so such runs never replace runs of a verified trace. A file that turns out
   * missing or unreadable while it is read makes the replay incomplete instead of failing it.
   */
  TRUSTED;

  /** As options and results spell it: full, cheap, trusted. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
