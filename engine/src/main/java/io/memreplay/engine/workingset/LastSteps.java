package io.memreplay.engine.workingset;

import io.memreplay.engine.primitives.PagedChars;
import io.memreplay.engine.primitives.PagedInts;

/**
 * The working-set step each page was last referenced in. Its readers compare a page's step with steps a
 * bounded number back from their now (the working-set windows, the memory engine's ages and sampling
 * periods), so a step further back than all of them is as good as any other that far back. That lets a
 * page's step take 16 bits instead of 32 while every reader reaches at most {@value #NARROW_REACH} steps
 * back: a slot holds 0 (never referenced), 1 (before {@code base}) or 2 + (step − base). When a step no longer
 * fits, {@code base} moves up to {@value #KEPT} steps before it, and slots of steps before the new base become
 * 1: a pass over the pages once per 32,765 steps or more. So every step of the last {@value #KEPT} is told
 * exactly: a reader's now may trail the latest reference by the difference (host memory's trails it by
 * less than a stretch) and still find exact steps as far back as it reaches. Readers reaching further get
 * 32-bit slots; so do all pages from the moment a reader asks to keep a step the 16 bits cannot hold beside
 * the latest ({@link #keepFrom}: a sampling period of a VM that waits may span any number of steps).
 */
final class LastSteps {

  /** The farthest back, in steps, readers may compare for 16-bit slots to do. */
  static final int NARROW_REACH = 1 << 14;
  /** Steps before the latest set that 16-bit slots always tell exactly. */
  private static final int KEPT = 1 << 15;
  private static final char NEVER_SLOT = 0;
  private static final char BEFORE_BASE = 1;
  private static final int OFFSET = 2;

  /** The slots while they are 16 bits, else null. */
  private PagedChars narrow;
  /** The slots once they are 32 bits, else null. */
  private PagedInts wide;
  /** The first step a 16-bit slot tells exactly; every step it holds is at least this. */
  private int base;
  /** The oldest step a reader still compares beyond its reach, see {@link #keepFrom}. */
  private int kept = LastTouch.USUAL_REACH;

  /** @param reachSteps how far back, in steps, the readers known so far compare a page's step ({@link #reach}) */
  LastSteps(long reachSteps) {
    boolean fitsNarrow = reachSteps <= NARROW_REACH;
    this.narrow = fitsNarrow ? new PagedChars() : null;
    this.wide = fitsNarrow ? null : new PagedInts(WorkingSetTracker.NEVER);
  }

  int capacity() {
    return narrow != null ? narrow.capacity() : wide.capacity();
  }

  void ensure(int size) {
    if (narrow != null) {
      narrow.ensure(size);
    } else {
      wide.ensure(size);
    }
  }

  /**
   * The step of the page's last reference, {@link WorkingSetTracker#NEVER}, or, for a step more than {@value
   * #KEPT} steps before the latest step set, some step before all those.
   */
  int get(int page) {
    if (narrow == null) {
      return wide.get(page);
    }
    int slot = narrow.get(page);
    if (slot >= OFFSET) {
      return base + slot - OFFSET;
    }
    return slot == NEVER_SLOT ? WorkingSetTracker.NEVER : base - 1;
  }

  /** The page was referenced in {@code step}, no earlier than any step set before. */
  void set(int page, int step) {
    if (narrow == null) {
      wide.set(page, step);
      return;
    }
    if (step - base + OFFSET > Character.MAX_VALUE) {
      // a kept step before the base lies too far back to fit as well: that widens below
      int newBase = Math.min(step - KEPT, kept);
      if (step - newBase + OFFSET > Character.MAX_VALUE) {
        widen();
        wide.set(page, step);
        return;
      }
      rebase(newBase);
    }
    narrow.set(page, (char) (step - base + OFFSET));
  }

  /** A reader compares steps up to {@code steps} back from its now: further than 16 bits tell, slots widen. */
  void reach(long steps) {
    if (narrow != null && steps > NARROW_REACH) {
      widen();
    }
  }

  /** A reader compares steps back to {@code step} from now on ({@link LastTouch#USUAL_REACH}: none beyond its reach). */
  void keepFrom(int step) {
    kept = step;
  }

  /** Every slot becomes 32 bits, holding what {@link #get} read from it. */
  private void widen() {
    PagedInts slots = new PagedInts(WorkingSetTracker.NEVER);
    slots.ensure(narrow.capacity());
    for (int page = 0, pages = narrow.capacity(); page < pages; page++) {
      slots.set(page, get(page));
    }
    wide = slots;
    narrow = null;
  }

  private void rebase(int newBase) {
    int shift = newBase - base;
    for (int page = 0, pages = narrow.capacity(); page < pages; page++) {
      int slot = narrow.get(page);
      if (slot >= OFFSET) {
        narrow.set(page, slot - OFFSET < shift ? BEFORE_BASE : (char) (slot - shift));
      }
    }
    base = newBase;
  }
}
