package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Cycle costs of the translation cost model (docs/model.md "Translation cost model"). Defaults follow
 * published measurements and estimates (docs/model.md, "Translation cost model", with its sources), so every
 * one is configurable.
 * A shadow-paging event costs a VM exit plus its handler's work; with the defaults a trapped page-table
 * write and a hidden fault cost 4,000 cycles each (the reference's 3,000-5,000 and "about 4,000"), a
 * CR3 switch 2,000 plus 500 per page-table page to resync.
 *
 * @param l1HitCycles an L1 TLB hit: 0, its latency hides in the load pipeline
 * @param l2HitCycles an L2 TLB (STLB) lookup: 12 (Skylake/Haswell measurements [R2])
 * @param walkRefCycles one page-table entry read by a walk: 20, an L2-cache hit and the walker's
 *     overhead; a walk that reaches DRAM costs 200 and more per read, so raise this for cold walks
 * @param vmExitCycles a VM exit and re-entry: 1,500 ("hundreds or thousands of cycles"; ~1,350 measured around VMRUN)
 * @param ptWriteEmulationCycles after the exit, emulating a trapped guest page-table write and syncing the shadow entry: 2,500
 * @param hiddenFaultCycles after the exit, the software guest walk and shadow fill of a hidden page fault: 2,500
 * @param cr3SwitchCycles after the exit, finding the new shadow root on a CR3 switch: 500
 * @param unsyncPageCycles resyncing one page-table page written since the last CR3 switch: 500
 */
public record TranslationCosts(long l1HitCycles, long l2HitCycles, long walkRefCycles, long vmExitCycles,
    long ptWriteEmulationCycles, long hiddenFaultCycles, long cr3SwitchCycles, long unsyncPageCycles) {

  public static final TranslationCosts DEFAULT = new TranslationCosts(0, 12, 20, 1500, 2500, 2500, 500, 500);

  @JsonCreator
  public TranslationCosts(
      @JsonProperty("l1_hit_cycles") Long l1HitCycles,
      @JsonProperty("l2_hit_cycles") Long l2HitCycles,
      @JsonProperty("walk_ref_cycles") Long walkRefCycles,
      @JsonProperty("vm_exit_cycles") Long vmExitCycles,
      @JsonProperty("pt_write_emulation_cycles") Long ptWriteEmulationCycles,
      @JsonProperty("hidden_fault_cycles") Long hiddenFaultCycles,
      @JsonProperty("cr3_switch_cycles") Long cr3SwitchCycles,
      @JsonProperty("unsync_page_cycles") Long unsyncPageCycles) {
    this(or(l1HitCycles, DEFAULT.l1HitCycles), or(l2HitCycles, DEFAULT.l2HitCycles),
        or(walkRefCycles, DEFAULT.walkRefCycles), or(vmExitCycles, DEFAULT.vmExitCycles),
        or(ptWriteEmulationCycles, DEFAULT.ptWriteEmulationCycles), or(hiddenFaultCycles, DEFAULT.hiddenFaultCycles),
        or(cr3SwitchCycles, DEFAULT.cr3SwitchCycles), or(unsyncPageCycles, DEFAULT.unsyncPageCycles));
  }

  public TranslationCosts {
    for (long cost : new long[] {l1HitCycles, l2HitCycles, walkRefCycles, vmExitCycles, ptWriteEmulationCycles,
        hiddenFaultCycles, cr3SwitchCycles, unsyncPageCycles}) {
      if (cost < 0) {
        throw new IllegalArgumentException("translation costs must not be negative");
      }
    }
  }

  private static long or(Long value, long fallback) {
    return value == null ? fallback : value;
  }
}
