package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TlbGeometry;
import io.memreplay.engine.config.TlbStructure;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The TLB hierarchy of one virtual CPU (or of one VM's shared model: the caller decides): L1 data
 * structures split by page size, L1 instruction structures and a unified L2, as a {@link TlbGeometry}
 * gives them. It counts nothing itself; a lookup returns where it hit.
 *
 * <p>Fills follow docs/model.md "Address translation": a walk fills L1 and L2 (non-inclusive), an L2 hit refills
 * L1. Where a page size goes:
 *
 * <ul>
 *   <li>An L1 level that has no structure for the page size does not cache it: the translation lives in
 *       L2 only (Skylake's L1 ITLB has no 1 GB entries, so 1 GB code pages hit in L2 at best).
 *   <li>An L2 level that has no structure for the page size stores it as an entry of the largest smaller
 *       size it does hold, covering the part of the page around the address: AMD "smashes" 1 GB pages into
 *       2 MB L2 entries [R: WikiChip Zen 2]. Another address of the same 1 GB page then misses in L2 until
 *       its own 2 MB part is filled. A page smaller than every L2 size is not cached in L2.
 * </ul>
 */
public final class TlbHierarchy {

  public static final int MISS = 0;
  public static final int L1_HIT = 1;
  public static final int L2_HIT = 2;

  private final Level l1d;
  private final Level l1i;
  private final Level l2;

  /** @param seed seeds the random replacement of every structure (each structure draws its own seed from it) */
  public TlbHierarchy(TlbGeometry geometry, long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    l1d = new Level(geometry, "l1d", false, seeds);
    l1i = new Level(geometry, "l1i", false, seeds);
    l2 = new Level(geometry, "l2", true, seeds);
  }

  /**
   * Looks up the translation of {@code address} in {@code context}, whose page size is {@code size};
   * instruction fetches use the L1I, data accesses the L1D. An L2 hit refills the L1.
   *
   * @return {@link #L1_HIT}, {@link #L2_HIT} or {@link #MISS}
   */
  public int lookup(int context, long address, PageSize size, boolean instruction) {
    Level l1 = instruction ? l1i : l1d;
    if (l1.lookup(context, address, size)) {
      return L1_HIT;
    }
    if (l2.lookup(context, address, size)) {
      l1.fill(context, address, size);
      return L2_HIT;
    }
    return MISS;
  }

  /** Whether the first level (instruction or data) caches translations of pages of {@code size}. */
  public boolean firstLevelHolds(PageSize size, boolean instruction) {
    return (instruction ? l1i : l1d).holds(size);
  }

  /** After a walk: fills the L1 (instruction or data) and the L2, each as the class comment describes. */
  public void fill(int context, long address, PageSize size, boolean instruction) {
    (instruction ? l1i : l1d).fill(context, address, size);
    l2.fill(context, address, size);
  }

  /** Drops the translation of {@code address}'s page of {@code size} in {@code context} from every level: an INVLPG. */
  public void invalidate(int context, long address, PageSize size) {
    l1d.invalidate(context, address, size);
    l1i.invalidate(context, address, size);
    l2.invalidate(context, address, size);
  }

  /** Drops every entry of {@code context} from every level. */
  public void flush(int context) {
    l1d.flush(context);
    l1i.flush(context);
    l2.flush(context);
  }

  public void flushAll() {
    l1d.flushAll();
    l1i.flushAll();
    l2.flushAll();
  }

  /** One level's structures, found by the page size of the translation looked up. */
  private static final class Level {
    private static final PageSize[] PAGE_SIZES = PageSize.values();

    private final TlbArray[] arrays;
    /** By the page size of the translation: the array caching it, or null when this level does not cache it. */
    private final TlbArray[] arrayFor = new TlbArray[PAGE_SIZES.length];
    /** By the page size of the translation: the size of the entry it is stored as. */
    private final PageSize[] entrySizeFor = new PageSize[PAGE_SIZES.length];

    Level(TlbGeometry geometry, String level, boolean storesInSmallerEntries, SplittableRandom seeds) {
      List<TlbStructure> structures = geometry.level(level);
      arrays = new TlbArray[structures.size()];
      for (int i = 0; i < arrays.length; i++) {
        TlbStructure structure = structures.get(i);
        arrays[i] = new TlbArray(geometry.name() + " " + level + " " + structure.pageSizes(), structure.entries(),
            structure.ways(), geometry.replacement(), seeds.nextLong(), EnumSet.copyOf(structure.pageSizes()));
      }
      for (PageSize size : PAGE_SIZES) {
        PageSize entrySize = entrySize(size, storesInSmallerEntries);
        if (entrySize != null) {
          arrayFor[size.ordinal()] = holding(entrySize);
          entrySizeFor[size.ordinal()] = entrySize;
        }
      }
    }

    boolean holds(PageSize size) {
      return arrayFor[size.ordinal()] != null;
    }

    boolean lookup(int context, long address, PageSize size) {
      TlbArray array = arrayFor[size.ordinal()];
      if (array == null) {
        return false;
      }
      PageSize entrySize = entrySizeFor[size.ordinal()];
      return array.lookup(context, address >>> entrySize.shift(), entrySize);
    }

    void fill(int context, long address, PageSize size) {
      TlbArray array = arrayFor[size.ordinal()];
      if (array != null) {
        PageSize entrySize = entrySizeFor[size.ordinal()];
        array.insert(context, address >>> entrySize.shift(), entrySize);
      }
    }

    void invalidate(int context, long address, PageSize size) {
      TlbArray array = arrayFor[size.ordinal()];
      if (array != null) {
        PageSize entrySize = entrySizeFor[size.ordinal()];
        array.invalidate(context, address >>> entrySize.shift(), entrySize);
      }
    }

    void flush(int context) {
      for (TlbArray array : arrays) {
        array.flush(context);
      }
    }

    void flushAll() {
      for (TlbArray array : arrays) {
        array.flushAll();
      }
    }

    /** The size of the entries a page of {@code size} is stored as here, or null when this level does not cache it. */
    private PageSize entrySize(PageSize size, boolean storesInSmallerEntries) {
      if (holding(size) != null) {
        return size;
      }
      for (int smaller = size.ordinal() - 1; storesInSmallerEntries && smaller >= 0; smaller--) {
        if (holding(PAGE_SIZES[smaller]) != null) {
          return PAGE_SIZES[smaller];
        }
      }
      return null;
    }

    private TlbArray holding(PageSize size) {
      for (TlbArray array : arrays) {
        if (array.holds(size)) {
          return array;
        }
      }
      return null;
    }
  }
}
