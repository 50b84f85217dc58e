package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.primitives.LongLongHashMap;
import io.memreplay.schemas.trace.PageTableColumns;
import io.memreplay.engine.config.TranslationPolicy.GuestPages;
import io.memreplay.engine.config.TranslationPolicy.Placement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The page tables of one VM's guest, one per address space, as far as translation needs them: where each
 * virtual page lives in guest physical memory, with which page size, and where each page-table page
 * itself lives (nested walks translate those addresses too).
 *
 * <p>Traces that record guest physical addresses say where data lives; page-table records (MAP, UNMAP)
 * say which regions are mapped with large pages. Where a trace gives no physical address, the guest's
 * allocator is modelled: a page is placed on first touch, first-touch in order or scattered by a seeded
 * permutation, with 4 KB pages or, with transparent huge pages, a whole aligned 2 MB region at a time.
 *
 * <p>Invented addresses live above any real guest's memory, so they never collide with recorded ones:
 * data pages from {@link #FIRST_DATA_GPN} (2^33 pages, 32 TB), page-table pages from
 * {@link #FIRST_TABLE_GPN}.
 */
public final class GuestPageTables {

  public static final long FIRST_DATA_GPN = 1L << 33;
  public static final long FIRST_TABLE_GPN = 1L << 34;
  private static final int PAGES_PER_REGION = 512;
  private static final long NONE = -1;
  /**
   * Tables in each address space's direct-mapped cache of the page tables (level 1, 2 MB of memory each):
   * 2 GB of scattered memory. The levels above cover 1 GB and more per table, so a few entries hold a
   * guest's: hosts of hundreds of VMs and address spaces would otherwise spend several bytes per page here.
   */
  private static final int PAGE_TABLE_CACHE = 1 << 10;
  private static final int UPPER_TABLE_CACHE = 1 << 4;
  /** Odd, so multiplying by it permutes any power-of-two range (Knuth's golden-ratio multiplier). */
  private static final long SCATTER = 0x9E3779B97F4A7C15L;

  private final int levels;
  private final long virtualMask;
  private final GuestPages guestPages;
  private final Placement placement;
  private final long scatterRange;
  private final long scatterOffset;
  private final AddressSpace[] smallAsids = new AddressSpace[16];
  private final Map<Integer, AddressSpace> otherAsids = new HashMap<>();
  private int lastAsid = Integer.MIN_VALUE;
  private AddressSpace lastSpace;
  private long placedPages;
  private long placedRegions;
  private long tablePages;

  /**
   * @param configuredPages the guest's configured memory in 4 KB pages: random placement scatters over it
   */
  public GuestPageTables(int levels, GuestPages guestPages, Placement placement, long configuredPages, long seed) {
    this.levels = levels;
    this.virtualMask = (1L << (12 + 9 * levels)) - 1;
    this.guestPages = guestPages;
    this.placement = placement;
    this.scatterRange = Long.highestOneBit(Math.max(configuredPages, 2) - 1) << 1;
    this.scatterOffset = seed * SCATTER;
  }

  public int levels() {
    return levels;
  }

  /** The size of a page-table record's {@code page_size} in bytes. */
  public static PageSize sizeOfBytes(int bytes) {
    return switch (bytes) {
      case PageTableColumns.PAGE_2M -> PageSize.SIZE_2M;
      case PageTableColumns.PAGE_1G -> PageSize.SIZE_1G;
      default -> PageSize.SIZE_4K;
    };
  }

  /** The guest physical page of {@code gva} in address space {@code asid}, placing it on first touch. */
  public long place(int asid, long gva) {
    AddressSpace space = space(asid);
    long page = gva >>> 12;
    if (guestPages == GuestPages.THP || space.hasLarge) {
      long base = space.large.get(gva >>> 21, NONE);
      if (base == NONE && guestPages == GuestPages.THP) {
        base = FIRST_DATA_GPN + scatter(placedRegions++, scatterRange / PAGES_PER_REGION) * PAGES_PER_REGION;
        space.large.put(gva >>> 21, base);
        space.hasLarge = true;
      }
      if (base != NONE) {
        return base + (page & (PAGES_PER_REGION - 1));
      }
    }
    long gpn = space.small.get(page, NONE);
    if (gpn == NONE) {
      gpn = FIRST_DATA_GPN + scatter(placedPages++, scatterRange);
      space.small.put(page, gpn);
    }
    return gpn;
  }

  /** Mappings the allocator model has made: 4 KB pages and, with transparent huge pages, 2 MB regions. */
  public long placements() {
    return placedPages + placedRegions;
  }

  /** The size of the guest page mapping {@code gva}: large where a MAP record or THP said so, else 4 KB. */
  public PageSize pageSize(int asid, long gva) {
    AddressSpace space = space(asid);
    if (!space.hasLarge) {
      return PageSize.SIZE_4K;
    }
    if (space.huge.containsKey(gva >>> 30)) {
      return PageSize.SIZE_1G;
    }
    return space.large.containsKey(gva >>> 21) ? PageSize.SIZE_2M : PageSize.SIZE_4K;
  }

  /**
   * The guest physical page holding the table of level {@code level} (1 = the page table of 4 KB
   * entries, {@link #levels()} = the root) on the path to {@code gva}; created on first need.
   */
  public long tablePage(int asid, int level, long gva) {
    long prefix = (gva & virtualMask) >>> (12 + 9 * level);
    AddressSpace space = space(asid);
    // consecutive walks mostly share their upper tables: remember the last table found at each level
    if (space.lastTablePrefix[level] == prefix) {
      return space.lastTable[level];
    }
    // then a small direct-mapped cache of the level's tables, before the map of them all
    long[] cachePrefixes = space.cachePrefixes(level);
    int cached = (int) prefix & (cachePrefixes.length - 1);
    long gpn;
    if (cachePrefixes[cached] == prefix) {
      gpn = space.cachedTables[level][cached];
    } else {
      long key = ((long) level << 58) | prefix;
      gpn = space.tables.get(key, NONE);
      if (gpn == NONE) {
        gpn = FIRST_TABLE_GPN + tablePages++;
        space.tables.put(key, gpn);
      }
      cachePrefixes[cached] = prefix;
      space.cachedTables[level][cached] = gpn;
    }
    space.lastTablePrefix[level] = prefix;
    space.lastTable[level] = gpn;
    return gpn;
  }

  /**
   * Applies what a page-table record (kinds as in {@link PageTableColumns}) changes in the guest's tables:
   * MAP and UNMAP change mappings, PROCESS_EXIT drops the address space.
   */
  public void apply(byte kind, int asid, long gva, long gpa, PageSize size) {
    switch (kind) {
      case PageTableColumns.MAP -> map(asid, gva, gpa, size);
      case PageTableColumns.UNMAP -> unmap(asid, gva, size);
      case PageTableColumns.PROCESS_EXIT -> dropAddressSpace(asid);
      default -> {
        // context switches, protection changes and process starts leave the mappings as they are
      }
    }
  }

  /** A MAP record: {@code gva} now maps {@code gpa} with a page of {@code size}. */
  private void map(int asid, long gva, long gpa, PageSize size) {
    AddressSpace space = space(asid);
    switch (size) {
      case SIZE_1G -> {
        space.huge.put(gva >>> 30, gpa >>> 12);
        space.hasLarge = true;
      }
      case SIZE_2M -> {
        space.large.put(gva >>> 21, gpa >>> 12);
        space.hasLarge = true;
      }
      default -> space.small.put(gva >>> 12, gpa >>> 12);
    }
  }

  /** An UNMAP record: the mapping of {@code gva} of {@code size} is gone. */
  private void unmap(int asid, long gva, PageSize size) {
    AddressSpace space = space(asid);
    switch (size) {
      case SIZE_1G -> space.huge.remove(gva >>> 30, NONE);
      case SIZE_2M -> space.large.remove(gva >>> 21, NONE);
      default -> space.small.remove(gva >>> 12, NONE);
    }
  }

  /** A process exit: its address space and its page tables are gone. */
  private void dropAddressSpace(int asid) {
    if (asid >= 0 && asid < smallAsids.length) {
      smallAsids[asid] = null;
    } else {
      otherAsids.remove(asid);
    }
    lastAsid = Integer.MIN_VALUE;
  }

  /** The {@code n}-th placement: in order, or scattered over {@code range} by a seeded permutation. */
  private long scatter(long n, long range) {
    if (placement == Placement.FIRST_TOUCH || n >= range) {
      return n;
    }
    return (n * SCATTER + scatterOffset) & (range - 1);
  }

  private AddressSpace space(int asid) {
    if (asid != lastAsid) {
      if (asid >= 0 && asid < smallAsids.length) {
        if (smallAsids[asid] == null) {
          smallAsids[asid] = new AddressSpace();
        }
        lastSpace = smallAsids[asid];
      } else {
        lastSpace = otherAsids.computeIfAbsent(asid, a -> new AddressSpace());
      }
      lastAsid = asid;
    }
    return lastSpace;
  }

  /** One address space: its 4 KB, 2 MB and 1 GB mappings by virtual page number, and its table pages. */
  private static final class AddressSpace {
    final LongLongHashMap small = new LongLongHashMap();
    final LongLongHashMap large = new LongLongHashMap();
    final LongLongHashMap huge = new LongLongHashMap();
    final LongLongHashMap tables = new LongLongHashMap();
    /** Per table level, the prefix and page of the last table looked up; levels are at most 5. */
    final long[] lastTablePrefix = {NONE, NONE, NONE, NONE, NONE, NONE};
    final long[] lastTable = new long[6];
    /** Per table level, a direct-mapped cache of prefixes and their table pages, made on first use. */
    final long[][] cachedPrefixes = new long[6][];
    final long[][] cachedTables = new long[6][];
    boolean hasLarge;

    long[] cachePrefixes(int level) {
      if (cachedPrefixes[level] == null) {
        int entries = level == 1 ? PAGE_TABLE_CACHE : UPPER_TABLE_CACHE;
        cachedPrefixes[level] = new long[entries];
        Arrays.fill(cachedPrefixes[level], NONE);
        cachedTables[level] = new long[entries];
      }
      return cachedPrefixes[level];
    }
  }
}
