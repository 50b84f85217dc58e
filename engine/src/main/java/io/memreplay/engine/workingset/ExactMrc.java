package io.memreplay.engine.workingset;

/** Every reference's exact stack distance: {@link MrcMethod#EXACT}. */
final class ExactMrc extends MissRatioTracker {

  private final LruStack stack = new LruStack(false);
  /** Distinct pages referenced in the window so far. */
  private long windowPages;

  ExactMrc() {
    super(new DistanceHistogram(Integer.MAX_VALUE));
  }

  @Override
  void touch(int page) {
    references++;
    int distance = stack.reference(page);
    // the page's previous reference was before the window exactly when every page referenced in the
    // window so far is above it in the stack
    if (distance == LruStack.COLD) {
      windowPages++;
      histogram.addCold(1);
    } else {
      if (distance >= windowPages) {
        windowPages++;
      }
      histogram.add(distance, 1);
    }
  }

  @Override
  MrcMethod method() {
    return MrcMethod.EXACT;
  }

  @Override
  double samplingRate() {
    return 1;
  }

  @Override
  long workingSetPages() {
    return windowPages;
  }

  @Override
  double extraHits() {
    return 0;
  }

  @Override
  void startWindow() {
    super.startWindow();
    windowPages = 0;
  }
}
