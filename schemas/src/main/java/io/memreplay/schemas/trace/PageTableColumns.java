package io.memreplay.schemas.trace;

/** Guest page-table events ({@code pagetable} table) in columns. */
public final class PageTableColumns extends Columns {

  /** Ordinals of {@link io.memreplay.schemas.avro.PageTableOpKind}. */
  public static final byte CONTEXT_SWITCH = 0;
  public static final byte MAP = 1;
  public static final byte UNMAP = 2;
  public static final byte PROTECT = 3;
  public static final byte PROCESS_START = 4;
  public static final byte PROCESS_EXIT = 5;

  public static final int PAGE_4K = 4096;
  public static final int PAGE_2M = 2 << 20;
  public static final int PAGE_1G = 1 << 30;

  public final int[] vcpu = ints("vcpu");
  public final int[] asid = ints("asid");
  public final byte[] opKind = enums("kind");
  public final long[] gva = longs("gva");
  public final long[] gpa = longs("gpa");
  public final int[] pageSize = ints("page_size");
  public final int[] prot = ints("prot");

  public PageTableColumns(int capacity) {
    super(RecordKind.PAGETABLE, capacity);
  }

  @Override
  protected String problem(int row) {
    int bytes = pageSize[row];
    if (bytes != PAGE_4K && bytes != PAGE_2M && bytes != PAGE_1G) {
      return "page_size must be 4096, 2097152 or 1073741824, was " + bytes;
    }
    if (asid[row] < 0) {
      return "asid must not be negative, was " + asid[row];
    }
    if (gpa[row] < -1) {
      return "gpa must be -1 (none) or a guest physical address, was " + gpa[row];
    }
    if ((prot[row] & ~7) != 0) {
      return "prot may only hold bits 1 (read), 2 (write) and 4 (execute), was " + prot[row];
    }
    return null;
  }
}
