package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.primitives.LongLongHashMap;
import io.memreplay.schemas.trace.PageTableColumns;
import io.memreplay.engine.config.TranslationPolicy.GuestPages;
import io.memreplay.engine.config.TranslationPolicy.Placement;

/**
 * The page tables of one VM's guest, one per address space, as far as translation needs them: where each
 * virtual page lives in guest physical memory, and with which page size. Where the page-table pages
 * themselves live is {@link GuestTablePages}, which only translation's walks read: the replay loop places
 * pages here while translation may walk on a thread of its own ({@link TranslationModel}).
 *
 * <p>Traces that record guest physical addresses say where data lives; page-table records (MAP, UNMAP)
 * say which regions are mapped with large pages. Where a trace gives no physical address, the guest's
 * allocator is modelled: a page is placed on first touch, first-touch in order or scattered by a seeded
 * permutation, with 4 KB pages or, with transparent huge pages, a whole aligned 2 MB region at a time.
 *
 * <p>Invented addresses live above any real guest's memory, so they never collide with recorded ones:
 * data pages from {@link #FIRST_DATA_GPN} (2^33 pages, 32 TB), page-table pages from
 * {@link GuestTablePages#FIRST_TABLE_GPN}.
 */
public final class GuestPageTables implements GuestMappings {

  public static final long FIRST_DATA_GPN = 1L << 33;
  private static final int PAGES_PER_REGION = 512;
  private static final long NONE = -1;
  /** Odd, so multiplying by it permutes any power-of-two range (Knuth's golden-ratio multiplier). */
  private static final long SCATTER = 0x9E3779B97F4A7C15L;

  private final int levels;
  private final GuestPages guestPages;
  private final Placement placement;
  private final long scatterRange;
  private final long scatterOffset;
  private final AddressSpaces<AddressSpace> spaces = new AddressSpaces<>(AddressSpace::new);
  private long placedPages;
  private long placedRegions;

  /**
   * @param configuredPages the guest's configured memory in 4 KB pages: random placement scatters over it
   */
  public GuestPageTables(int levels, GuestPages guestPages, Placement placement, long configuredPages, long seed) {
    this.levels = levels;
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
    AddressSpace space = spaces.get(asid);
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
  @Override
  public long placements() {
    return placedPages + placedRegions;
  }

  /** The size of the guest page mapping {@code gva}: large where a MAP record or THP said so, else 4 KB. */
  @Override
  public PageSize pageSize(int asid, long gva) {
    AddressSpace space = spaces.get(asid);
    if (!space.hasLarge) {
      return PageSize.SIZE_4K;
    }
    if (space.huge.containsKey(gva >>> 30)) {
      return PageSize.SIZE_1G;
    }
    return space.large.containsKey(gva >>> 21) ? PageSize.SIZE_2M : PageSize.SIZE_4K;
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
    AddressSpace space = spaces.get(asid);
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
    AddressSpace space = spaces.get(asid);
    switch (size) {
      case SIZE_1G -> space.huge.remove(gva >>> 30, NONE);
      case SIZE_2M -> space.large.remove(gva >>> 21, NONE);
      default -> space.small.remove(gva >>> 12, NONE);
    }
  }

  /** A process exit: its address space is gone. */
  private void dropAddressSpace(int asid) {
    spaces.drop(asid);
  }

  /** The {@code n}-th placement: in order, or scattered over {@code range} by a seeded permutation. */
  private long scatter(long n, long range) {
    if (placement == Placement.FIRST_TOUCH || n >= range) {
      return n;
    }
    return (n * SCATTER + scatterOffset) & (range - 1);
  }

  /** One address space: its 4 KB, 2 MB and 1 GB mappings by virtual page number. */
  private static final class AddressSpace {
    final LongLongHashMap small = new LongLongHashMap();
    final LongLongHashMap large = new LongLongHashMap();
    final LongLongHashMap huge = new LongLongHashMap();
    boolean hasLarge;
  }
}
