package io.memreplay.engine.workingset;

/** How the points of one miss-ratio curve were computed: the {@code method} column of the {@code mrc} table. */
public enum MrcMethod {
  /** Every reference's stack distance, exactly: the sampling rate is 1. */
  EXACT,
  /** SHARDS with a fixed sampling rate. */
  SHARDS_RATE,
  /** SHARDS with a fixed number of sampled pages, the rate lowered as the footprint grows. */
  SHARDS_SIZE
}
