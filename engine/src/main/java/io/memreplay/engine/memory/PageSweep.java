package io.memreplay.engine.memory;

/**
 * A clock hand over one VM's pages: finds pages that pass a test, continuing where it stopped last time,
 * looking at no more than a budget of pages per call. The balloon and the cold-page reclaimer pick their
 * pages with one, so each page is looked at once per round however often they ask.
 */
final class PageSweep {

  /** Which pages a sweep takes. */
  @FunctionalInterface
  interface Test {
    boolean accepts(int page);
  }

  /** Receives each page a sweep took. */
  @FunctionalInterface
  interface Taker {
    void take(int page);
  }

  private int hand;

  /**
   * The next {@code count} pages from the hand on, wrapping around {@code known} (at most one round), into
   * {@code out}; the hand moves past them.
   *
   * @return how many pages {@code out} holds
   */
  int window(int known, int count, int[] out) {
    int size = Math.min(Math.min(count, known), out.length);
    for (int i = 0; i < size; i++) {
      if (hand >= known) {
        hand = 0;
      }
      out[i] = hand++;
    }
    return size;
  }

  /**
   * Looks at pages from the hand on, wrapping around {@code known}, and hands at most {@code wanted} that
   * pass {@code test} to {@code taker}, looking at no more than {@code budget} pages (nor more than one round).
   *
   * @return the pages taken
   */
  long sweep(int known, long wanted, long budget, Test test, Taker taker) {
    if (known == 0 || wanted <= 0) {
      return 0;
    }
    long looked = 0;
    long taken = 0;
    long limit = Math.min(budget, known);
    while (taken < wanted && looked < limit) {
      if (hand >= known) {
        hand = 0;
      }
      int page = hand++;
      looked++;
      if (test.accepts(page)) {
        taker.take(page);
        taken++;
      }
    }
    return taken;
  }
}
