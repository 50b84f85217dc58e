package io.memreplay.schemas.trace;

/**
 * Conventions for 64-bit page content hashes in traces. Hash 0 is reserved for the all-zero page, and
 * -1 cannot be stored because columns hold "unknown" as -1; {@link #normalize} moves a content hash
 * that happens to fall on either value to a neighbour (a 2^-63 event that merely merges two contents).
 */
public final class ContentHashes {

  /** The hash of the all-zero page. */
  public static final long ZERO = 0L;
  public static final int PAGE_BYTES = 4096;

  private ContentHashes() {}

  /** A hash of non-zero content made safe to store: never 0, never -1. */
  public static long normalize(long hashOfNonZeroContent) {
    if (hashOfNonZeroContent == ZERO) {
      return 1L;
    }
    if (hashOfNonZeroContent == Columns.NULL) {
      return -2L;
    }
    return hashOfNonZeroContent;
  }
}
