package io.memreplay.engine.translation;

import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.TranslationMode;
import io.memreplay.engine.config.PageSize;
/**
 * Counts the page-table entries a walk reads (the data access itself is not counted), with the
 * paging-structure caches and the nested TLB of the walking vCPU.
 *
 * <p>A table of level t (1: the page table of 4 KB entries, up to the root) is read once per walk that
 * passes it; a leaf of 4 KB, 2 MB or 1 GB ends the walk at level 1, 2 or 3. Under nested paging each
 * guest table's guest-physical address, and finally the data's, is first translated through the nested
 * tables: m host reads, m depending on the host page backing that address. With no caches that gives
 * (n + 1)(m + 1) - 1 reads for n guest and m host levels (BSSM08 in docs/model.md).
 *
 * <p>Paging-structure caches (Intel style, docs/model.md "Address translation"): a cache per table level, keyed by the virtual
 * address bits above that level, remembers where the table lies; the walk starts at the lowest level
 * whose cache hits, skipping every read above. Under nested paging the guest-side caches hold host
 * addresses, so a hit also skips the host walks of the levels above; the host dimension has caches of
 * its own, and the nested TLB remembers guest-physical to host-physical translations of whole host pages.
 */
final class PageWalker {

  private final TranslationPolicy policy;
  private final GuestTablePages tables;
  private final HostBacking backing;
  private final TranslationCounters counters;

  PageWalker(TranslationPolicy policy, GuestTablePages tables, HostBacking backing, TranslationCounters counters) {
    this.policy = policy;
    this.tables = tables;
    this.backing = backing;
    this.counters = counters;
  }

  /** The table level that holds the leaf entry of a page of {@code size}. */
  static int leafLevel(PageSize size) {
    return switch (size) {
      case SIZE_4K -> 1;
      case SIZE_2M -> 2;
      case SIZE_1G -> 3;
    };
  }

  /**
   * Walks the guest dimension (under shadow paging: the shadow tables, which have the guest's shape) for
   * {@code gva}, whose leaf is a page of {@code leaf}; under nested paging also the host dimension for
   * every guest table and for {@code dataGpn}. Adds the reads to the counters.
   */
  void walk(VcpuCaches cpu, int context, int asid, long gva, PageSize leaf, long dataGpn) {
    int levels = policy.guestLevels();
    int bottom = leafLevel(leaf);
    boolean nested = policy.mode() == TranslationMode.NESTED;
    int start = levels;
    if (cpu.guestWalkCaches != null) {
      for (int level = bottom; level < levels; level++) {
        if (cpu.guestWalkCaches[level].lookup(context, prefix(gva, level), PageSize.SIZE_4K)) {
          start = level;
          counters.walkCacheHits++;
          break;
        }
      }
    }
    long refs = 0;
    for (int level = start; level >= bottom; level--) {
      if (nested) {
        refs += hostWalk(cpu, tables.tablePage(asid, level, gva));
      }
      refs++;
    }
    if (nested) {
      refs += hostWalk(cpu, dataGpn);
    }
    if (cpu.guestWalkCaches != null) {
      for (int level = bottom; level < start; level++) {
        cpu.guestWalkCaches[level].insert(context, prefix(gva, level), PageSize.SIZE_4K);
      }
    }
    counters.walks++;
    counters.walkRefs += refs;
  }

  /** Reads of the nested tables to translate guest page {@code gpn}; 0 on a nested TLB hit. */
  private long hostWalk(VcpuCaches cpu, long gpn) {
    PageSize size = backing.sizeOf(gpn);
    long hostPage = gpn >>> (size.shift() - PageSize.SIZE_4K.shift());
    if (cpu.nestedTlb != null && cpu.nestedTlb.lookup(VcpuCaches.HOST_CONTEXT, hostPage, size)) {
      counters.nestedTlbHits++;
      return 0;
    }
    long gpa = gpn << PageSize.SIZE_4K.shift();
    int levels = policy.hostLevels();
    int bottom = leafLevel(size);
    int start = levels;
    if (cpu.hostWalkCaches != null) {
      for (int level = bottom; level < levels; level++) {
        if (cpu.hostWalkCaches[level].lookup(VcpuCaches.HOST_CONTEXT, prefix(gpa, level), PageSize.SIZE_4K)) {
          start = level;
          counters.walkCacheHits++;
          break;
        }
      }
      for (int level = bottom; level < start; level++) {
        cpu.hostWalkCaches[level].insert(VcpuCaches.HOST_CONTEXT, prefix(gpa, level), PageSize.SIZE_4K);
      }
    }
    if (cpu.nestedTlb != null) {
      cpu.nestedTlb.insert(VcpuCaches.HOST_CONTEXT, hostPage, size);
    }
    return start - bottom + 1;
  }

  /** The address bits above the table of level {@code level}: what its paging-structure cache is keyed by. */
  private static long prefix(long address, int level) {
    return address >>> (12 + 9 * level);
  }
}
