package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TranslationCosts;
import java.util.Arrays;

/** What one VM's translation did in the current output interval; the {@code translation} table's columns. */
final class TranslationCounters {
  long accesses;
  final long[] l1Hits = new long[PageSize.values().length];
  final long[] l2Hits = new long[PageSize.values().length];
  long walks;
  long walkRefs;
  long walkCacheHits;
  long nestedTlbHits;
  long ptWriteTraps;
  long hiddenFaults;
  long cr3Switches;
  long unsyncedPageSyncs;

  long vmExits() {
    return ptWriteTraps + hiddenFaults + cr3Switches;
  }

  /**
   * The cost model (docs/model.md): L1 hits × l1 + (L2 hits + walks) × l2, since every walk follows an L2 lookup
   * that missed, + walk references × ref + VM exits × exit, + each exit's handler work, + resynced pages.
   */
  long cycles(TranslationCosts costs) {
    long l1 = 0;
    long l2 = 0;
    for (int size = 0; size < l1Hits.length; size++) {
      l1 += l1Hits[size];
      l2 += l2Hits[size];
    }
    return l1 * costs.l1HitCycles() + (l2 + walks) * costs.l2HitCycles() + walkRefs * costs.walkRefCycles()
        + vmExits() * costs.vmExitCycles() + ptWriteTraps * costs.ptWriteEmulationCycles()
        + hiddenFaults * costs.hiddenFaultCycles() + cr3Switches * costs.cr3SwitchCycles()
        + unsyncedPageSyncs * costs.unsyncPageCycles();
  }

  void reset() {
    accesses = 0;
    Arrays.fill(l1Hits, 0);
    Arrays.fill(l2Hits, 0);
    walks = 0;
    walkRefs = 0;
    walkCacheHits = 0;
    nestedTlbHits = 0;
    ptWriteTraps = 0;
    hiddenFaults = 0;
    cr3Switches = 0;
    unsyncedPageSyncs = 0;
  }
}
