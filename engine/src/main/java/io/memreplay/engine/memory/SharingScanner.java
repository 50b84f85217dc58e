package io.memreplay.engine.memory;

import io.memreplay.engine.config.SharingPolicy;

/**
 * The page-sharing scanner of one VM (docs/model.md "Host memory"): visits the VM's pages in a seeded random
 * order at its scan rate, shares each small private page it can (or leaves a hint), and hashes the small
 * pages of large pages, which do not share: below the lazy-break threshold it breaks a large page whose page
 * would share, and in the break states every large page it visits.
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
   * Scans for one tick at {@code pagesPerTick} (fractions carry over to the next tick).
   *
   * @param breakAll break every large page visited
   * @param breakLazily break a large page when its visited page would share
   */
  void scan(double pagesPerTick, boolean breakAll, boolean breakLazily) {
    credit += pagesPerTick;
    if (vm.known == 0) {
      credit = Math.min(credit, 1);
      return;
    }
    int count = (int) credit;
    credit -= count;
    if (batch.length < count) {
      batch = new int[Math.max(count, batch.length * 2)];
    }
    for (int i = 0; i < count; i++) {
      batch[i] = nextPage();
    }
    // the pages' states, then the contents of those that will try to share, read ahead: the visits'
    // cache misses overlap here instead of stalling one visit after another
    long warm = 0;
    for (int i = 0; i < count; i++) {
      warm += vm.stateOf(batch[i]);
    }
    if (sharing.length < count) {
      sharing = new int[batch.length];
    }
    int small = 0;
    for (int i = 0; i < count; i++) {
      int page = batch[i];
      if (vm.kindOf(page) == PageStates.PRIVATE && !vm.inLargePage(page)) {
        sharing[small++] = page;
      }
    }
    warmed += warm + operations.prefetchContents(vm, sharing, small);
    for (int i = 0; i < count; i++) {
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
      operations.breakLargePage(vm, vm.pages.regionOfIndex(page));
    }
  }

  /**
   * The next page of a permutation of the pages touched so far: multiplying by an odd constant permutes a
   * power-of-two range, whose values past the pages touched are skipped.
   */
  private int nextPage() {
    long range = Long.highestOneBit(Math.max(1, vm.known) * 2L - 1);
    while (true) {
      long candidate = (visits++ * GOLDEN + offset) & (range - 1);
      if (candidate < vm.known) {
        return (int) candidate;
      }
    }
  }
}
