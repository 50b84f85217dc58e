package io.memreplay.engine.memory;

import io.memreplay.engine.config.ColdReclaimPolicy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.workingset.LastTouch;

/**
 * A proactive reclaimer of cold pages in the style of Linux DAMON_RECLAIM ({@link ColdReclaimPolicy}):
 * active from when the host's free memory falls below the mid watermark until it rises above the high one
 * or falls below the low one; while active, pages out up to its quota a second of pages idle for the
 * minimum age, sweeping the VMs' pages in turn like a clock.
 */
final class ColdPageReclaimer {

  private ColdReclaimPolicy policy;
  private final VmMemory[] vms;
  private final PageOperations operations;
  private final LastTouch[] lastTouch;
  private boolean compress;
  private final PageSweep[] sweeps;
  private boolean active;
  private int nextVm;

  ColdPageReclaimer(ColdReclaimPolicy policy, VmMemory[] vms, PageOperations operations,
      LastTouch[] lastTouch, boolean compress) {
    this.policy = policy;
    this.vms = vms;
    this.operations = operations;
    this.lastTouch = lastTouch;
    this.compress = compress;
    this.sweeps = new PageSweep[vms.length];
    for (int i = 0; i < vms.length; i++) {
      sweeps[i] = new PageSweep();
    }
  }

  /** New settings from now on. */
  void configure(ColdReclaimPolicy reclaim, boolean compressing) {
    this.policy = reclaim;
    this.compress = compressing;
  }

  /**
   * One second of the reclaimer.
   *
   * @param coldBeforeStep pages last touched before this step are old enough
   */
  void tick(long freePages, long hostPages, int coldBeforeStep) {
    if (!policy.enabled() || vms.length == 0) {
      return;
    }
    long permil = freePages * 1000 / hostPages;
    if (!active && permil < policy.wmarkMidPermil() && permil >= policy.wmarkLowPermil()) {
      active = true;
    } else if (active && (permil > policy.wmarkHighPermil() || permil < policy.wmarkLowPermil())) {
      active = false;
    }
    if (!active) {
      return;
    }
    long quota = policy.quotaMbPerS() * VmSpec.PAGES_PER_MB;
    for (int turn = 0; turn < vms.length && quota > 0; turn++) {
      VmMemory vm = vms[nextVm];
      nextVm = (nextVm + 1) % vms.length;
      if (!vm.poweredOn) {
        continue;
      }
      LastTouch touch = lastTouch[vm.slot];
      quota -= sweeps[vm.slot].sweep(vm.known, quota, 4 * quota,
          page -> vm.kindOf(page) == PageStates.PRIVATE && touch.stepOf(page) < coldBeforeStep,
          page -> operations.pageOut(vm, page, compress));
    }
  }
}
