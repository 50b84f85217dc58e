package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.model.ObserverThread;

/**
 * Translation steps recorded on the replay loop's thread for translation's own ({@link TranslationWorker}),
 * in primitive arrays: per step its kind, VM slot, vCPU, address space and two numbers, and for an access
 * what the guest's mappings said when it was recorded (the page size, the allocator model's placements),
 * since the loop goes on placing pages while translation's thread catches up.
 */
final class TranslationLog extends ObserverThread.Log {

  /** Steps a log holds: about 150 KB, so that a log read back is still in the second-level cache. */
  static final int CAPACITY = 1 << 12;

  private static final byte DATA = 0;
  private static final byte INSTRUCTION = 1;
  private static final byte SMALL_PAGES = 2;
  private static final byte BROKEN = 3;
  private static final byte PAGE_TABLE = 4;
  private static final PageSize[] SIZES = PageSize.values();

  private final byte[] step = new byte[CAPACITY];
  private final int[] slot = new int[CAPACITY];
  private final int[] vcpu = new int[CAPACITY];
  private final int[] asid = new int[CAPACITY];
  /** An access's or page-table record's guest virtual address; the first guest page of a backing change. */
  private final long[] address = new long[CAPACITY];
  /** An access's guest page; a page-table record's kind and page bytes. */
  private final long[] value = new long[CAPACITY];
  private final long[] placements = new long[CAPACITY];
  private final byte[] guestSize = new byte[CAPACITY];
  private final TranslationSteps into;
  private final Recorded mappings;

  /** A log whose steps go {@code into} the VMs' translation, which reads the guest's mappings from {@code mappings}. */
  TranslationLog(TranslationSteps into, Recorded mappings) {
    super(CAPACITY);
    this.into = into;
    this.mappings = mappings;
  }

  /** Records an access with what {@code guest}, the guest's mappings as the loop keeps them, say now. */
  void access(int slot, int vcpu, int asid, long gva, long gpn, boolean instruction, GuestMappings guest) {
    int at = add(instruction ? INSTRUCTION : DATA, slot);
    this.vcpu[at] = vcpu;
    this.asid[at] = asid;
    address[at] = gva;
    value[at] = gpn;
    guestSize[at] = (byte) guest.pageSize(asid, gva).ordinal();
    placements[at] = guest.placements();
  }

  void backingChanged(int slot, long firstGpn, boolean broken) {
    int at = add(broken ? BROKEN : SMALL_PAGES, slot);
    address[at] = firstGpn;
  }

  void pageTableOp(int slot, int vcpu, int asid, byte kind, long gva, int pageBytes) {
    int at = add(PAGE_TABLE, slot);
    this.vcpu[at] = vcpu;
    this.asid[at] = asid;
    address[at] = gva;
    value[at] = (long) kind << 32 | (pageBytes & 0xFFFF_FFFFL);
  }

  private int add(byte kind, int slot) {
    int at = add();
    step[at] = kind;
    this.slot[at] = slot;
    return at;
  }

  /** Takes the recorded steps, in order, with the mappings as recorded. */
  @Override
  protected void takeSteps() {
    for (int i = 0; i < size(); i++) {
      switch (step[i]) {
        case DATA, INSTRUCTION -> {
          mappings.guestSize = SIZES[guestSize[i]];
          mappings.placements = placements[i];
          into.access(slot[i], vcpu[i], asid[i], address[i], value[i], step[i] == INSTRUCTION);
        }
        case SMALL_PAGES, BROKEN -> into.backingChanged(slot[i], address[i], step[i] == BROKEN);
        default -> into.pageTableOp(slot[i], vcpu[i], asid[i], (byte) (value[i] >>> 32), address[i], (int) value[i]);
      }
    }
  }

  /** The guest's mappings as recorded with the access being replayed. */
  static final class Recorded implements GuestMappings {
    private PageSize guestSize = PageSize.SIZE_4K;
    private long placements;

    @Override
    public PageSize pageSize(int asid, long gva) {
      return guestSize;
    }

    @Override
    public long placements() {
      return placements;
    }
  }
}
