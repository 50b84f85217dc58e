package io.memreplay.engine.translation;

import io.memreplay.engine.primitives.LongLongHashMap;
import java.util.Arrays;

/**
 * Where the page-table pages of one VM's guest live in guest physical memory, per address space: nested
 * walks translate those addresses too. A table page is given an invented address, from {@link
 * #FIRST_TABLE_GPN} on, the first time a walk passes it; a process exit drops its address space's tables.
 *
 * <p>Only translation's walks read and write these, so they stay with translation ({@link VmTranslation}),
 * apart from the mappings ({@link GuestPageTables}) that the replay loop places pages in.
 */
final class GuestTablePages {

  /** Invented addresses of table pages: above any real guest's memory and above invented data pages. */
  static final long FIRST_TABLE_GPN = 1L << 34;
  private static final long NONE = -1;
  /**
   * Tables in each address space's direct-mapped cache of the page tables (level 1, 2 MB of memory each):
   * 2 GB of scattered memory. The levels above cover 1 GB and more per table, so a few entries hold a
   * guest's: hosts of hundreds of VMs and address spaces would otherwise spend several bytes per page here.
   */
  private static final int PAGE_TABLE_CACHE = 1 << 10;
  private static final int UPPER_TABLE_CACHE = 1 << 4;

  private final long virtualMask;
  private final AddressSpaces<AddressSpace> spaces = new AddressSpaces<>(AddressSpace::new);
  private long tablePages;

  GuestTablePages(int levels) {
    this.virtualMask = (1L << (12 + 9 * levels)) - 1;
  }

  /**
   * The guest physical page holding the table of level {@code level} (1 = the page table of 4 KB
   * entries, up to the root) on the path to {@code gva}; created on first need.
   */
  long tablePage(int asid, int level, long gva) {
    long prefix = (gva & virtualMask) >>> (12 + 9 * level);
    AddressSpace space = spaces.get(asid);
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

  /** A process exit: the tables of its address space are gone. */
  void dropAddressSpace(int asid) {
    spaces.drop(asid);
  }

  /** One address space's table pages. */
  private static final class AddressSpace {
    final LongLongHashMap tables = new LongLongHashMap();
    /** Per table level, the prefix and page of the last table looked up; levels are at most 5. */
    final long[] lastTablePrefix = {NONE, NONE, NONE, NONE, NONE, NONE};
    final long[] lastTable = new long[6];
    /** Per table level, a direct-mapped cache of prefixes and their table pages, made on first use. */
    final long[][] cachedPrefixes = new long[6][];
    final long[][] cachedTables = new long[6][];

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
