package io.memreplay.schemas.trace;

/** Page content snapshots ({@code contents} table) in columns. */
public final class ContentColumns extends Columns {

  public final long[] gpn = longs("gpn");
  public final long[] hash = longs("hash");
  public final boolean[] zero = booleans("zero");
  /** Compressed size in bytes, or {@link Columns#NULL} when not measured. */
  public final int[] compressedBytes = ints("compressed_bytes");

  public ContentColumns(int capacity) {
    super(RecordKind.CONTENTS, capacity);
  }

  /** Appends one snapshot. */
  public void add(long ts, int vmId, long pageNumber, long contentHash, int compressed) {
    int row = size();
    tsNs[row] = ts;
    vm[row] = vmId;
    gpn[row] = pageNumber;
    hash[row] = contentHash;
    zero[row] = contentHash == ContentHashes.ZERO;
    compressedBytes[row] = compressed;
    setSize(row + 1);
  }

  @Override
  protected String problem(int row) {
    if (gpn[row] < 0) {
      return "gpn must not be negative, was " + gpn[row];
    }
    if (zero[row] != (hash[row] == ContentHashes.ZERO)) {
      return "zero is " + zero[row] + " but hash is " + hash[row] + ": hash 0 denotes the all-zero page and only it";
    }
    int compressed = compressedBytes[row];
    if (compressed != NULL && (compressed < 0 || compressed > ContentHashes.PAGE_BYTES)) {
      return "compressed_bytes must be within [0, 4096], was " + compressed;
    }
    return null;
  }
}
