package io.memreplay.engine.memory;

import io.memreplay.engine.config.SharingPolicy;

/**
 * The page-sharing scanner of one VM (docs/model.md "Host memory"): visits the VM's configured memory in a
 * seeded random order at its scan rate, so that it covers the whole VM once per {@code Mem.ShareScanTime}
 * however much of it the guest has touched; shares each small private page it can (or leaves a hint), and
 * hashes the small pages of large pages, which do not share. Below the lazy-break threshold it breaks a
 * large page whose page would share, and in the break states every large page it visits. Breaking one
 * costs the scanner a visit of each of the region's 512 small pages (it hashes them all to share what it
 * can), so large pages are broken at the pace of the scan: rate / 512 a second at most [I].
 */
final class SharingScanner {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final VmMemory vm;
  private final PageOperations operations;
  private final long offset;
  private long visits;
  private double credit;

  /** The pages of the current tick's visits, and those of them that will try to share. */
  private int[] batch = new int[64];
  private int[] sharing = new int[64];
  /** What the visits' pages read ahead; kept so that the reads are not optimised away. */
  private long warmed;

  SharingScanner(VmMemory vm, PageOperations operations, long seed) {
    this.vm = vm;
    this.operations = operations;
    this.offset = seed * GOLDEN;
  }

  /**
   * The VM's own scan rate, pages a second: configured pages over {@code scan_minutes}, at most {@code
   * max_pages_per_s} (3.x+), or the fixed ESX 2.x rate; the largest in boost states.
   */
  static double rate(SharingPolicy policy, VmMemory vm, boolean boosted) {
    if (boosted) {
      return policy.maxPagesPerS();
    }
    if (policy.pagesPerSPerVm() != null) {
      return policy.pagesPerSPerVm();
    }
    return Math.min(vm.configuredPages / (60 * policy.scanMinutes()), policy.maxPagesPerS());
  }

  /**
   * Scans for one tick at {@code pagesPerTick} (fractions, and the visits a broken large page cost beyond
   * this tick's, carry over to the next tick).
   *
   * @param breakAll break every large page visited
   * @param breakLazily break a large page when its visited page would share
   */
  void scan(double pagesPerTick, boolean breakAll, boolean breakLazily) {
    credit += pagesPerTick;
    if (credit < 1) {
      return;
    }
    int count = (int) credit;
    credit -= count;
    if (batch.length < count) {
      batch = new int[Math.max(count, batch.length * 2)];
    }
    // slots past the pages touched stand for memory never touched: their visits find nothing
    int touched = 0;
    for (int i = 0; i < count; i++) {
      int page = nextPage();
      if (page < vm.known) {
        batch[touched++] = page;
      }
    }
    // the pages' states, then the contents of those that will try to share, read ahead: the visits'
    // cache misses overlap here instead of stalling one visit after another
    long warm = 0;
    for (int i = 0; i < touched; i++) {
      warm += vm.stateOf(batch[i]);
    }
    if (sharing.length < touched) {
      sharing = new int[batch.length];
    }
    int small = 0;
    for (int i = 0; i < touched; i++) {
      int page = batch[i];
      if (vm.kindOf(page) == PageStates.PRIVATE && !vm.inLargePage(page)) {
        sharing[small++] = page;
      }
    }
    warmed += warm + operations.prefetchContents(vm, sharing, small);
    // a large page broken spends the visits that follow (credit below zero): they hash its small pages
    for (int i = 0; i < touched && credit >= 0; i++) {
      visit(batch[i], breakAll, breakLazily);
    }
  }

  private void visit(int page, boolean breakAll, boolean breakLazily) {
    if (vm.kindOf(page) != PageStates.PRIVATE) {
      return;
    }
    if (!vm.inLargePage(page)) {
      operations.share(vm, page);
      return;
    }
    vm.setFlag(page, PageStates.SCANNED, true);
    if (breakAll || breakLazily && operations.wouldShare(vm, page)) {
      int region = vm.pages.regionOfIndex(page);
      operations.hashRegion(vm, region);
      operations.breakLargePage(vm, region);
      credit -= VmMemory.PAGES_PER_REGION - 1;
    }
  }

  /**
   * The next slot of a permutation of the VM's configured page slots (slot k is the page the guest touched
   * k-th, see {@link ActiveMemorySampler}; slots past the pages touched stand for memory never touched, a
   * visit of which finds nothing): multiplying by an odd constant permutes a power-of-two range, whose
   * values past the slots are skipped.
   */
  private int nextPage() {
    long slots = Math.max(Math.max(1, vm.configuredPages), vm.known);
    long range = Long.highestOneBit(slots * 2 - 1);
    while (true) {
      long candidate = (visits++ * GOLDEN + offset) & (range - 1);
      if (candidate < slots) {
        return (int) candidate;
      }
    }
  }
}
