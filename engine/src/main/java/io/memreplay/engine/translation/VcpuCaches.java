package io.memreplay.engine.translation;

import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.TranslationMode;
import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.Replacement;
import java.util.EnumSet;

/**
 * The translation caches of one virtual CPU: its TLB hierarchy, the paging-structure caches of the
 * guest dimension (and, under nested paging, of the host dimension), and the nested TLB. Per vCPU because
 * each runs on its own physical core; interference between VMs time-sharing a core is not modelled.
 */
final class VcpuCaches {

  /** Context tags are the caller's; caches of the host dimension are per VM, tagged 0. */
  static final int HOST_CONTEXT = 0;

  final TlbHierarchy tlb;
  /** Index t caches where the table of level t lies (t = 1 .. levels - 1); index 0 unused. */
  final TlbArray[] guestWalkCaches;
  final TlbArray[] hostWalkCaches;
  final TlbArray nestedTlb;
  /** The address space the vCPU ran last: a different one means a context switch. */
  int asid = Integer.MIN_VALUE;

  VcpuCaches(TranslationPolicy policy, long seed) {
    tlb = new TlbHierarchy(policy.tlb(), seed);
    int[] entries = policy.walkCacheEntries();
    guestWalkCaches = policy.walkCaches() ? walkCaches("guest", policy.guestLevels(), entries, seed) : null;
    hostWalkCaches = policy.walkCaches() && policy.mode() == TranslationMode.NESTED
        ? walkCaches("host", policy.hostLevels(), entries, seed) : null;
    nestedTlb = policy.nestedTlb() && policy.mode() == TranslationMode.NESTED
        ? new TlbArray("nested-tlb", policy.nestedTlbEntries(), policy.nestedTlbEntries(), Replacement.LRU, seed,
            EnumSet.allOf(PageSize.class))
        : null;
  }

  private static TlbArray[] walkCaches(String dimension, int levels, int[] entries, long seed) {
    TlbArray[] caches = new TlbArray[levels];
    for (int level = 1; level < levels; level++) {
      int size = entries[level - 1];
      caches[level] = new TlbArray(dimension + "-walk-cache-" + level, size, size, Replacement.LRU, seed,
          EnumSet.of(PageSize.SIZE_4K));
    }
    return caches;
  }

  /** Everything tagged with {@code context} is gone (an untagged context switch, a process exit). */
  void flush(int context) {
    tlb.flush(context);
    if (guestWalkCaches != null) {
      for (int level = 1; level < guestWalkCaches.length; level++) {
        guestWalkCaches[level].flush(context);
      }
    }
  }

  /** All translations derived from the nested tables are gone (INVEPT after the host changed them). */
  void flushNested() {
    tlb.flushAll();
    if (guestWalkCaches != null) {
      for (int level = 1; level < guestWalkCaches.length; level++) {
        guestWalkCaches[level].flushAll();
      }
    }
    if (hostWalkCaches != null) {
      for (int level = 1; level < hostWalkCaches.length; level++) {
        hostWalkCaches[level].flushAll();
      }
    }
    if (nestedTlb != null) {
      nestedTlb.flushAll();
    }
  }
}
