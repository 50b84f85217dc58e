package io.memreplay.schemas.trace;

/** Memory accesses ({@code accesses} table) in columns. */
public final class AccessColumns extends Columns {

  /** Ordinals of {@link io.memreplay.schemas.avro.AccessOp}. */
  public static final byte READ = 0;
  public static final byte WRITE = 1;
  public static final byte EXEC = 2;

  /** The largest access: the engine counts the page an access starts in and the next, no more. */
  public static final int MAX_BYTES = 4096;

  public final int[] vcpu = ints("vcpu");
  public final int[] asid = ints("asid");
  public final long[] gva = longs("gva");
  /** Guest physical address, or -1 when unknown. */
  public final long[] gpa = longs("gpa");
  public final byte[] op = enums("op");
  /** Bytes accessed ({@code size} column). */
  public final int[] bytes = ints("size");
  /** Content hash after a write, {@link ContentHashes#ZERO} for zeros, {@link Columns#NULL} when unknown. */
  public final long[] contentHash = longs("content_hash");

  public AccessColumns(int capacity) {
    super(RecordKind.ACCESSES, capacity);
  }

  /** Appends one access. */
  public void add(long ts, int vmId, int vcpuId, int asidId, long guestVirtual, long guestPhysical,
      byte operation, int bytes, long newContentHash) {
    int row = size();
    tsNs[row] = ts;
    vm[row] = vmId;
    vcpu[row] = vcpuId;
    asid[row] = asidId;
    gva[row] = guestVirtual;
    gpa[row] = guestPhysical;
    op[row] = operation;
    this.bytes[row] = bytes;
    contentHash[row] = newContentHash;
    setSize(row + 1);
  }

  @Override
  protected String problem(int row) {
    if (bytes[row] <= 0 || bytes[row] > MAX_BYTES) {
      return "size must be within [1, " + MAX_BYTES + "] bytes, was " + bytes[row]
          + (bytes[row] > MAX_BYTES ? " (an access touches at most the page it starts in and the next)" : "");
    }
    if (asid[row] < 0) {
      return "asid must not be negative, was " + asid[row];
    }
    if (gpa[row] < -1) {
      return "gpa must be -1 (unknown) or a guest physical address, was " + gpa[row];
    }
    return null;
  }
}
