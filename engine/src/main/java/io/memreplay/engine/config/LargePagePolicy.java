package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * When 2 MB host backing pages are made and broken (docs/model.md "Host memory", large pages). Whether a
 * VM is backed by large pages at all is the translation section's {@code host_backing} and the VM's
 * {@code large_pages}. Large pages share nothing; the sharing scanner still hashes their small pages, and a
 * broken large page's small pages are shared at once from those hashes. Every reclamation that takes a
 * small page out of a large one (balloon, compression, swap) breaks it first.
 *
 * @param allocateStates states in which a newly touched 2 MB region gets a large page; otherwise small
 *     pages ("whenever they are available" [R]; which states still have them is [I]): high and clear
 * @param lazyBreakBelowPct below this free memory (percent of the states' basis) the scanner breaks a large
 *     page when one of its small pages would share (ESXi 6.0: 400% of minFree, "wait for the next TPS
 *     run"); 0 never
 * @param breakStates states in which the scanner breaks every large page it visits (6.0: clear and below)
 */
public record LargePagePolicy(List<MemoryState> allocateStates, double lazyBreakBelowPct, List<MemoryState> breakStates) {

  public static final LargePagePolicy ESXI_DEFAULT = new LargePagePolicy(List.of(MemoryState.HIGH, MemoryState.CLEAR),
      400, List.of(MemoryState.CLEAR, MemoryState.SOFT, MemoryState.HARD, MemoryState.LOW));

  @JsonCreator
  public LargePagePolicy(
      @JsonProperty("allocate_states") List<MemoryState> allocateStates,
      @JsonProperty("lazy_break_below_pct") Double lazyBreakBelowPct,
      @JsonProperty("break_states") List<MemoryState> breakStates) {
    this(Settings.states(allocateStates, ESXI_DEFAULT.allocateStates),
        Settings.or(lazyBreakBelowPct, ESXI_DEFAULT.lazyBreakBelowPct),
        Settings.states(breakStates, ESXI_DEFAULT.breakStates));
  }

  public LargePagePolicy {
    Settings.requirePct(lazyBreakBelowPct, 10_000, "large_pages.lazy_break_below_pct");
    allocateStates = List.copyOf(allocateStates);
    breakStates = List.copyOf(breakStates);
  }
}
