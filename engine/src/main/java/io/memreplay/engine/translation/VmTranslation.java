package io.memreplay.engine.translation;

import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.TranslationMode;
import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.primitives.LongHashSet;
import io.memreplay.engine.primitives.LongIntHashMap;
import io.memreplay.engine.model.Row;
import io.memreplay.schemas.trace.PageTableColumns;
import java.util.Arrays;

/**
 * Address translation of one VM under one policy: every access looks up its vCPU's TLB hierarchy and
 * walks on a miss; page-table records change the guest tables and, under shadow paging, trap. Counts what
 * happened per output interval ({@link #closeInterval}).
 *
 * <p>A context switch is a CONTEXT_SWITCH record, or an access from another address space than the vCPU's
 * last one (traces such as lackey's have no switch records). With tagged TLBs it flushes nothing; without
 * tags it flushes the vCPU's TLB and paging-structure caches. Under shadow paging it is a trapped CR3
 * write that also resyncs the page-table pages written since the last switch.
 *
 * <p>Shadow paging: the hypervisor fills a shadow entry on the first access to a page after the guest
 * (re)mapped it (a hidden page fault); the guest's own page-table writes trap. Where the trace gives no
 * physical addresses, the guest's allocator model maps a page on its first touch, which is a page-table
 * write too (counted when the access that caused it misses the TLB, so possibly a few accesses of the
 * same stride early; never in another output interval).
 */
public final class VmTranslation {

  private final TranslationPolicy policy;
  /** The guest's mappings: its page tables, or what the loop recorded of them when this runs on a thread of its own. */
  private GuestMappings mappings;
  private final GuestTablePages tablePages;
  private final HostBacking backing;
  /** The 57 bits of a virtual address that 5-level paging translates; the 4 KB leaf tables' numbers fit 36 bits. */
  private static final long VIRTUAL_ADDRESS_MASK = (1L << 57) - 1;
  private final PageWalker walker;
  private final TranslationCounters counters = new TranslationCounters();
  private final long seed;
  private VcpuCaches[] vcpus = new VcpuCaches[4];
  private final LongIntHashMap contextOfAsid = new LongIntHashMap();
  /** Tags of address spaces with small ids (0 = none yet), the common case, without a map lookup. */
  private final int[] contextBySmallAsid = new int[1024];
  /**
   * Each live address space's index into {@link #shadowed} and in {@link #tablePage} keys. Indices are never
   * reused: an address space started after another exited must not share the tables of a live one, nor
   * those of the exited one still waiting to be resynced.
   */
  private final LongIntHashMap asidShadows = new LongIntHashMap();
  private int nextShadowIndex;
  private LongHashSet[] shadowed = new LongHashSet[4];
  /**
   * Guest page-table pages written since the last CR3 switch, each once however many of its entries were
   * written, resynced by the next switch (shadow paging): keys of {@link #tablePage}.
   */
  private final LongHashSet unsyncedTables = new LongHashSet();
  /** Placements of the guest allocator model already charged as page-table writes. */
  private long placementsTrapped;
  /*
   * By kind (DATA, INSTRUCTION): the last access of that kind, whose entry is in its vCPU's first-level TLB
   * of that kind until an access of the same kind, a context switch, an invalidation or a flush changes it.
   * Data accesses never touch the instruction TLB's first level, nor instruction fetches the data TLB's,
   * so code running through a page while it loads and stores elsewhere keeps repeating.
   */
  private static final int DATA = 0;
  private static final int INSTRUCTION = 1;
  private final long[] repeatPage = {-1, -1};
  private final int[] repeatVcpu = new int[2];
  private final int[] repeatAsid = new int[2];
  private final int[] repeatSize = new int[2];

  public VmTranslation(TranslationPolicy policy, GuestPageTables tables, long seed) {
    if (!policy.enabled()) {
      throw new IllegalArgumentException("translation mode none has no translation to simulate");
    }
    this.policy = policy;
    this.mappings = tables;
    this.tablePages = new GuestTablePages(tables.levels());
    this.backing = new HostBacking(policy.mode() == TranslationMode.NATIVE ? PageSize.SIZE_4K : policy.hostBacking());
    this.walker = new PageWalker(policy, tablePages, backing, counters);
    this.seed = seed;
  }

  /**
   * Translates one access of vCPU {@code vcpu} in address space {@code asid} to {@code gva}, in guest page
   * {@code gpn}. An access that repeats the vCPU, address space and 4 KB page of the last access of its kind
   * (instruction fetch or data) hits the first-level TLB of that kind, which the last one hit or filled
   * (when that level caches its page size): counted so without the lookup, which would change nothing (the
   * entry is already the most recent of its set).
   */
  public void access(int vcpu, int asid, long gva, long gpn, boolean instruction) {
    counters.accesses++;
    long page = gva >>> 12;
    int kind = instruction ? INSTRUCTION : DATA;
    if (page == repeatPage[kind] && vcpu == repeatVcpu[kind] && asid == repeatAsid[kind]) {
      counters.l1Hits[repeatSize[kind]]++;
      return;
    }
    translate(vcpu, asid, gva, gpn, instruction);
  }

  private void translate(int vcpu, int asid, long gva, long gpn, boolean instruction) {
    VcpuCaches cpu = vcpu(vcpu);
    if (asid != cpu.asid) {
      switchContext(cpu, asid);
    }
    int context = context(asid);
    PageSize guest = mappings.pageSize(asid, gva);
    PageSize size = policy.mode() == TranslationMode.NATIVE ? guest : smaller(guest, backing.sizeOf(gpn));
    int hit = cpu.tlb.lookup(context, gva, size, instruction);
    int kind = instruction ? INSTRUCTION : DATA;
    if (cpu.tlb.firstLevelHolds(size, instruction)) {
      repeatable(kind, vcpu, asid, gva >>> 12, size);
    } else {
      repeatPage[kind] = -1;
    }
    if (hit == TlbHierarchy.L1_HIT) {
      counters.l1Hits[size.ordinal()]++;
      return;
    }
    if (hit == TlbHierarchy.L2_HIT) {
      counters.l2Hits[size.ordinal()]++;
      return;
    }
    if (policy.mode() == TranslationMode.SHADOW) {
      trapModelPlacements(asid, gva, guest);
      if (shadows(asid).add(gva >>> size.shift())) {
        counters.hiddenFaults++;
      }
    }
    walker.walk(cpu, context, asid, gva, policy.mode() == TranslationMode.NESTED ? guest : size, gpn);
    cpu.tlb.fill(context, gva, size, instruction);
  }

  /**
   * What a guest page-table record (kinds as in {@link PageTableColumns}) does to the TLBs and, under shadow
   * paging, costs; the tables themselves change in {@link GuestPageTables#apply}.
   */
  public void pageTableOp(int vcpu, int asid, byte kind, long gva, int pageBytes) {
    noRepeat();
    PageSize size = GuestPageTables.sizeOfBytes(pageBytes);
    switch (kind) {
      case PageTableColumns.CONTEXT_SWITCH -> {
        VcpuCaches cpu = vcpu(vcpu);
        if (asid != cpu.asid) {
          switchContext(cpu, asid);
        }
      }
      case PageTableColumns.MAP -> guestTableWrite(asid, gva, size);
      case PageTableColumns.UNMAP, PageTableColumns.PROTECT -> {
        invalidate(asid, gva, size);
        guestTableWrite(asid, gva, size);
      }
      case PageTableColumns.PROCESS_EXIT -> {
        int context = context(asid);
        for (VcpuCaches cpu : vcpus) {
          if (cpu != null) {
            cpu.flush(context);
          }
        }
        tablePages.dropAddressSpace(asid);
        int shadow = asidShadows.remove(asid, -1);
        if (shadow >= 0 && shadow < shadowed.length) {
          shadowed[shadow] = null;
        }
      }
      default -> {
        // PROCESS_START: the address space appears with its first access
      }
    }
  }

  /**
   * Breaks the host's large page backing guest page {@code gpn} into 4 KB pages, flushing every
   * translation derived from the nested tables (INVEPT). False when it was not backed by a large page.
   */
  public boolean breakLargePage(long gpn) {
    noRepeat();
    if (!backing.breakLargePage(gpn)) {
      return false;
    }
    for (VcpuCaches cpu : vcpus) {
      if (cpu != null) {
        cpu.flushNested();
      }
    }
    return true;
  }

  /**
   * The host backs the region of guest page {@code gpn} with 4 KB pages from its first touch on (no large
   * page was free): nothing cached derives from it yet, so nothing is flushed.
   */
  public void backWithSmallPages(long gpn) {
    noRepeat();
    backing.backWithSmallPages(gpn);
  }

  /** From now on the guest's mappings are read from {@code recorded}, not from the guest's page tables. */
  void readMappingsFrom(GuestMappings recorded) {
    mappings = recorded;
  }

  /** Writes the interval's counts into {@code row}, then counting starts afresh. */
  void closeInterval(Row row, TranslationModel.Columns columns) {
    TranslationCounters c = counters;
    row.set(columns.accesses, c.accesses)
        .set(columns.l1Hits4k, c.l1Hits[PageSize.SIZE_4K.ordinal()])
        .set(columns.l1Hits2m, c.l1Hits[PageSize.SIZE_2M.ordinal()])
        .set(columns.l1Hits1g, c.l1Hits[PageSize.SIZE_1G.ordinal()])
        .set(columns.l2Hits4k, c.l2Hits[PageSize.SIZE_4K.ordinal()])
        .set(columns.l2Hits2m, c.l2Hits[PageSize.SIZE_2M.ordinal()])
        .set(columns.l2Hits1g, c.l2Hits[PageSize.SIZE_1G.ordinal()])
        .set(columns.walks, c.walks)
        .set(columns.walkRefs, c.walkRefs)
        .set(columns.walkCacheHits, c.walkCacheHits)
        .set(columns.nestedTlbHits, c.nestedTlbHits)
        .set(columns.vmExits, c.vmExits())
        .set(columns.translationCycles, c.cycles(policy.costs()));
    c.reset();
  }

  private void repeatable(int kind, int vcpu, int asid, long page, PageSize size) {
    repeatPage[kind] = page;
    repeatVcpu[kind] = vcpu;
    repeatAsid[kind] = asid;
    repeatSize[kind] = size.ordinal();
  }

  /** The TLBs may change: the next access of either kind looks up whatever it touches. */
  private void noRepeat() {
    repeatPage[DATA] = -1;
    repeatPage[INSTRUCTION] = -1;
  }

  private void switchContext(VcpuCaches cpu, int asid) {
    // a repeat of the other kind would skip switching back
    noRepeat();
    boolean first = cpu.asid == Integer.MIN_VALUE;
    cpu.asid = asid;
    if (first) {
      return;
    }
    if (!policy.tagged()) {
      cpu.flush(context(asid));
    }
    if (policy.mode() == TranslationMode.SHADOW) {
      counters.cr3Switches++;
      if (unsyncedTables.size() > 0) {
        counters.unsyncedPageSyncs += unsyncedTables.size();
        unsyncedTables.clear();
      }
    }
  }

  /**
   * The guest allocator model's placements are page-table writes of the guest, trapped under shadow
   * paging. A placement is always a first touch, so a TLB miss, where this is checked.
   */
  private void trapModelPlacements(int asid, long gva, PageSize guest) {
    long placements = mappings.placements();
    if (placements != placementsTrapped) {
      counters.ptWriteTraps += placements - placementsTrapped;
      unsyncedTables.add(tablePage(asid, gva, guest));
      placementsTrapped = placements;
    }
  }

  /**
   * The guest page-table page holding the entry that maps {@code gva} with a page of {@code size}: the
   * address space's shadow index, the page size, and the address bits above the 512 entries of the table.
   */
  private long tablePage(int asid, long gva, PageSize size) {
    long addressSpace = shadowIndex(asid);
    long table = (gva & VIRTUAL_ADDRESS_MASK) >>> (size.shift() + 9);
    return addressSpace << 40 | table << 2 | size.ordinal();
  }

  /** A guest write to its page tables: under shadow paging a trap, and the shadow entry must be refilled. */
  private void guestTableWrite(int asid, long gva, PageSize size) {
    if (policy.mode() != TranslationMode.SHADOW) {
      return;
    }
    counters.ptWriteTraps++;
    unsyncedTables.add(tablePage(asid, gva, size));
    shadows(asid).remove(gva >>> size.shift());
  }

  /** INVLPG on every vCPU of the VM (the guest's TLB shootdown). */
  private void invalidate(int asid, long gva, PageSize size) {
    int context = context(asid);
    for (VcpuCaches cpu : vcpus) {
      if (cpu != null) {
        cpu.tlb.invalidate(context, gva, size);
      }
    }
  }

  private VcpuCaches vcpu(int id) {
    if (id < 0) {
      throw new IllegalArgumentException("vcpu must not be negative, is " + id);
    }
    if (id >= vcpus.length) {
      vcpus = Arrays.copyOf(vcpus, Math.max(vcpus.length * 2, id + 1));
    }
    VcpuCaches cpu = vcpus[id];
    if (cpu == null) {
      cpu = new VcpuCaches(policy, seed + id);
      vcpus[id] = cpu;
    }
    return cpu;
  }

  /** The tag of {@code asid}'s TLB entries: its own with tagged TLBs, one shared tag without. */
  private int context(int asid) {
    if (!policy.tagged()) {
      return 0;
    }
    if (asid >= 0 && asid < contextBySmallAsid.length) {
      int context = contextBySmallAsid[asid];
      if (context == 0) {
        context = contextOfAsid.putIfAbsent(asid, contextOfAsid.size() + 1);
        contextBySmallAsid[asid] = context;
      }
      return context;
    }
    return contextOfAsid.putIfAbsent(asid, contextOfAsid.size() + 1);
  }

  private int shadowIndex(int asid) {
    int index = asidShadows.putIfAbsent(asid, nextShadowIndex);
    if (index == nextShadowIndex) {
      nextShadowIndex++;
    }
    return index;
  }

  private LongHashSet shadows(int asid) {
    int index = shadowIndex(asid);
    if (index >= shadowed.length) {
      shadowed = Arrays.copyOf(shadowed, Math.max(shadowed.length * 2, index + 1));
    }
    if (shadowed[index] == null) {
      shadowed[index] = new LongHashSet();
    }
    return shadowed[index];
  }

  private static PageSize smaller(PageSize a, PageSize b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }
}
