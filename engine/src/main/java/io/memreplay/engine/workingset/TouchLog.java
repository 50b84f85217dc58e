package io.memreplay.engine.workingset;

import io.memreplay.engine.model.ObserverThread;

/** The pages the curves' VMs touched, in order, for the curves' own thread ({@link MissRatioModel}). */
final class TouchLog extends ObserverThread.Log {

  /** Touches a log holds: 64 KB, so that a log read back is still in the second-level cache. */
  private static final int CAPACITY = 1 << 13;

  private final VmMissRatioCurves[] curves;
  private final int[] slot = new int[CAPACITY];
  private final int[] page = new int[CAPACITY];

  TouchLog(VmMissRatioCurves[] curves) {
    super(CAPACITY);
    this.curves = curves;
  }

  void touch(int slot, int page) {
    int at = add();
    this.slot[at] = slot;
    this.page[at] = page;
  }

  @Override
  protected void takeSteps() {
    for (int i = 0; i < size(); i++) {
      curves[slot[i]].touch(page[i]);
    }
  }
}
