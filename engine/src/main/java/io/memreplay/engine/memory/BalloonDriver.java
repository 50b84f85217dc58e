package io.memreplay.engine.memory;

import io.memreplay.engine.config.BalloonPolicy;
import io.memreplay.engine.sharing.ContentIndex;
import io.memreplay.engine.workingset.WorkingSetTracker;
import io.memreplay.schemas.trace.ContentHashes;

/**
 * One VM's balloon driver (docs/model.md "Host memory"): once a second it moves the balloon toward its
 * target, inflating at most {@code inflate_pages_per_s} while the guest has free pages and {@code
 * pressure_pages_per_s} once it must give up pages in use, deflating at most {@code deflate_pages_per_s}.
 *
 * <p>What the guest gives, in this order [I]: its free pages (pages the trace never accessed, pages it
 * got back from the balloon, and zero pages idle for the cold age: Windows zeroes its free lists), then its
 * cold pages (accessed, but not for the cold age), which it pages out to its own swap first. Pages used
 * more recently it keeps: when no more pages qualify, the balloon stops short of its target.
 */
final class BalloonDriver {

  private final BalloonPolicy policy;
  private final VmMemory vm;
  private final PageOperations operations;
  private final ContentIndex contents;
  private final ActiveMemorySampler.LastTouch lastTouch;
  private final PageSweep freeSweep = new PageSweep();
  private final PageSweep coldSweep = new PageSweep();
  private final PageSweep deflateSweep = new PageSweep();
  private int coldBeforeStep;

  BalloonDriver(BalloonPolicy policy, VmMemory vm, PageOperations operations, ContentIndex contents,
      ActiveMemorySampler.LastTouch lastTouch) {
    this.policy = policy;
    this.vm = vm;
    this.operations = operations;
    this.contents = contents;
    this.lastTouch = lastTouch;
  }

  long size() {
    return vm.count(PageStates.BALLOONED);
  }

  /**
   * One poll of the driver: the balloon moves toward {@code target} pages.
   *
   * @param coldBeforeStep pages last touched before this step are cold
   */
  void poll(long target, int coldBeforeStep) {
    vm.balloonTargetPages = target;
    long size = size();
    if (target > size) {
      this.coldBeforeStep = coldBeforeStep;
      long budget = Math.max(16 * policy.inflatePagesPerS(), 1 << 16);
      long askedFree = Math.min(target - size, policy.inflatePagesPerS());
      long free = freeSweep.sweep(vm.known, askedFree, budget, this::isFree, page -> operations.balloonTake(vm, page, false));
      long wanted = Math.min(target - size - free, policy.pressurePagesPerS());
      if (free < askedFree && wanted > 0) {
        coldSweep.sweep(vm.known, wanted, budget, this::isCold, page -> operations.balloonTake(vm, page, true));
      }
    } else if (target < size) {
      deflateSweep.sweep(vm.known, Math.min(size - target, policy.deflatePagesPerS()), vm.known,
          page -> vm.kindOf(page) == PageStates.BALLOONED, page -> operations.balloonReturn(vm, page));
    }
  }

  private boolean isFree(int page) {
    int kind = vm.kindOf(page);
    if (kind == PageStates.BALLOONED) {
      return false;
    }
    if (kind == PageStates.UNBACKED) {
      return true;
    }
    int last = lastTouch.stepOf(page);
    return last == WorkingSetTracker.NEVER
        || last < coldBeforeStep && contents.contentOf(vm.slot, page) == ContentHashes.ZERO;
  }

  private boolean isCold(int page) {
    int kind = vm.kindOf(page);
    return kind != PageStates.BALLOONED && kind != PageStates.UNBACKED && lastTouch.stepOf(page) < coldBeforeStep;
  }
}
