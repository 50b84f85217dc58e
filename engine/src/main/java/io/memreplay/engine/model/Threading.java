package io.memreplay.engine.model;

/**
 * Where a model that only observes ({@link ObserverThread}) takes its steps. The rows are the same either way.
 */
public enum Threading {
  /** On the run's thread. */
  INLINE,
  /**
   * On a thread of its own once the run tracks too many pages for their state to stay in the caches
   * ({@link Accesses#readAhead}): then each step misses the caches, and a processor the runs leave free does
   * that beside the rest. Before, on the run's thread, where handing steps over would cost more than taking
   * them.
   */
  OWN_THREAD_WHEN_LARGE,
  /** On a thread of its own from the first access. */
  OWN_THREAD;

  /** Whether a model that takes its steps inline so far moves them to its own thread with {@code accesses}. */
  public boolean ownThreadFor(Accesses accesses) {
    return this == OWN_THREAD || this == OWN_THREAD_WHEN_LARGE && accesses.readAhead;
  }
}
