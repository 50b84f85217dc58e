package io.memreplay.engine.memory;

import io.memreplay.engine.config.BalloonPolicy;
import io.memreplay.engine.sharing.ContentIndex;
import io.memreplay.engine.workingset.LastTouch;
import io.memreplay.engine.workingset.WorkingSetTracker;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.Arrays;

/**
 * One VM's balloon driver (docs/model.md "Host memory"): once a second it moves the balloon toward its
 * target, inflating at most {@code inflate_pages_per_s} while the guest has free pages and {@code
 * pressure_pages_per_s} once it must give up pages in use, deflating at most {@code deflate_pages_per_s}.
 *
 * <p>What the guest gives, in this order [I]: its free pages (pages the trace never accessed, pages it
 * got back from the balloon, and zero pages idle for the cold age: Windows zeroes its free lists), then the
 * pages in use it used least recently, which it pages out to its own swap first: of the next {@value
 * #WINDOW} pages in use its clock hand passes (at least), the coldest, however recently they were used —
 * a guest under pressure gives up hot pages too, so no VM is beyond the balloon's reach.
 */
final class BalloonDriver {

  private BalloonPolicy policy;
  private final VmMemory vm;
  private final PageOperations operations;
  private ContentIndex contents;
  private final LastTouch lastTouch;
  private final PageSweep freeSweep = new PageSweep();
  private final PageSweep coldSweep = new PageSweep();
  private final PageSweep deflateSweep = new PageSweep();
  /** Pages the guest looks at per poll to find its coldest: enough that most polls find what they want. */
  static final int WINDOW = 1 << 16;
  private int coldBeforeStep;
  /** Pages older than this many steps are all the coldest. */
  static final int AGES = 1 << 10;
  private int[] window;
  private int[] ages;
  private final int[] pagesOfAge = new int[AGES + 1];

  BalloonDriver(BalloonPolicy policy, VmMemory vm, PageOperations operations, ContentIndex contents,
      LastTouch lastTouch) {
    this.policy = policy;
    this.vm = vm;
    this.operations = operations;
    this.contents = contents;
    this.lastTouch = lastTouch;
  }

  /** New settings, and the content index of a new salting, from now on. */
  void configure(BalloonPolicy balloon, ContentIndex index) {
    this.policy = balloon;
    this.contents = index;
  }

  long size() {
    return vm.count(PageStates.BALLOONED);
  }

  /**
   * One poll of the driver: the balloon moves toward {@code target} pages.
   *
   * @param nowStep the current working-set step
   * @param coldBeforeStep zero pages last touched before this step are free
   */
  void poll(long target, int nowStep, int coldBeforeStep) {
    vm.balloonTargetPages = target;
    long size = size();
    if (target > size) {
      this.coldBeforeStep = coldBeforeStep;
      long budget = Math.max(16 * policy.inflatePagesPerS(), WINDOW);
      long askedFree = Math.min(target - size, policy.inflatePagesPerS());
      long free = freeSweep.sweep(vm.known, askedFree, budget, this::isFree, page -> operations.balloonTake(vm, page, false));
      long wanted = Math.min(target - size - free, policy.pressurePagesPerS());
      if (free < askedFree && wanted > 0) {
        takeColdest((int) wanted, nowStep);
      }
    } else if (target < size) {
      deflateSweep.sweep(vm.known, Math.min(size - target, policy.deflatePagesPerS()), vm.known,
          page -> vm.kindOf(page) == PageStates.BALLOONED, page -> operations.balloonReturn(vm, page));
    }
  }

  /**
   * The guest pages out the {@code wanted} least recently used of the next {@link #WINDOW} (or 4 × wanted)
   * pages its clock hand passes, pages in use only, and gives them to the balloon. Ages are told apart up
   * to {@value #AGES} steps; older pages are all equally cold.
   */
  private void takeColdest(int wanted, int nowStep) {
    int windowPages = Math.max(WINDOW, 4 * wanted);
    if (window == null || window.length < windowPages) {
      window = new int[windowPages];
      ages = new int[windowPages];
    }
    Arrays.fill(pagesOfAge, 0);
    int looked = coldSweep.window(vm.known, windowPages, window);
    int inUse = 0;
    for (int i = 0; i < looked; i++) {
      int page = window[i];
      if (inUse(page)) {
        int last = lastTouch.stepOf(page);
        int age = last == WorkingSetTracker.NEVER ? AGES : (int) Math.min(AGES, Math.max(0, (long) nowStep - last));
        window[inUse] = page;
        ages[inUse++] = age;
        pagesOfAge[age]++;
      }
    }
    // the youngest age still taken: pages older than it all go, pages of it as many as are wanted
    int threshold = AGES;
    long older = pagesOfAge[AGES];
    while (older < wanted && threshold > 0) {
      threshold--;
      older += pagesOfAge[threshold];
    }
    int ofThreshold = (int) (wanted - (older - pagesOfAge[threshold]));
    for (int i = 0; i < inUse; i++) {
      int age = ages[i];
      if (age > threshold || age == threshold && ofThreshold-- > 0) {
        operations.balloonTake(vm, window[i], true);
      }
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

  private boolean inUse(int page) {
    int kind = vm.kindOf(page);
    return kind != PageStates.BALLOONED && kind != PageStates.UNBACKED;
  }
}
