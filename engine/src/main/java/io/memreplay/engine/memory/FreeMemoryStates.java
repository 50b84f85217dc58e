package io.memreplay.engine.memory;

import io.memreplay.engine.config.StatePolicy;
import io.memreplay.engine.config.MemoryState;
import java.util.Arrays;

/**
 * Which free-memory state the host is in (docs/model.md "Host memory"): thresholds from minFree or from
 * host memory, entered as free memory falls below them and left upwards only past the hysteresis, and the
 * time spent in each state.
 */
public final class FreeMemoryStates {

  private static final MemoryState[] STATES = MemoryState.values();
  /** Scenario memory is in MB; the engine counts 4 KB pages. */
  private static final long PAGES_PER_MB = 256;

  private final StatePolicy policy;
  private final long minFreePages;
  private final long basisPages;
  private final long[] thresholdPages = new long[STATES.length];
  private final long[] timeInNs = new long[STATES.length];
  private MemoryState state = MemoryState.HIGH;
  private long sinceNs;

  /**
   * @param managedMb memory the VMkernel manages: host memory less what it keeps for itself
   * @param hostMb host memory, the basis of fixed percentages
   */
  public FreeMemoryStates(StatePolicy policy, long managedMb, long hostMb, long startNs) {
    this.policy = policy;
    this.minFreePages = Math.round(minFreeMb(managedMb, hostMb, policy.minFreePct()) * PAGES_PER_MB);
    this.basisPages = policy.basis() == StatePolicy.Basis.MIN_FREE ? minFreePages : hostMb * PAGES_PER_MB;
    for (MemoryState s : STATES) {
      thresholdPages[s.ordinal()] = percentOfBasis(policy.thresholdPct(s));
    }
    this.sinceNs = startNs;
  }

  /**
   * minFree in MB. With {@code Mem.MemMinFreePct} = 0, ESX 4.1+'s sliding scale over the managed memory M:
   * 6% of the first 4 GB, 4% of the next 8 GB, 2% of the next 16 GB and 1% of the rest (DEN11, VMB: 901.12 MB
   * for the first 28 GB). Otherwise that percentage of host memory.
   */
  public static double minFreeMb(long managedMb, long hostMb, double minFreePct) {
    if (minFreePct > 0) {
      return hostMb * minFreePct / 100;
    }
    double m = managedMb;
    return 0.06 * Math.min(m, 4096) + 0.04 * clamp(m - 4096, 8192) + 0.02 * clamp(m - 12288, 16384)
        + 0.01 * Math.max(m - 28672, 0);
  }

  private static double clamp(double value, double max) {
    return Math.max(0, Math.min(value, max));
  }

  public long minFreePages() {
    return minFreePages;
  }

  /** {@code pct} percent of the thresholds' basis (minFree or host memory), in pages. */
  public long percentOfBasis(double pct) {
    return Math.round(basisPages * pct / 100);
  }

  public long thresholdPages(MemoryState s) {
    return thresholdPages[s.ordinal()];
  }

  public MemoryState state() {
    return state;
  }

  /**
   * The state for {@code freePages} free at {@code nowNs}: a lower state at once, a higher one only once
   * free memory exceeds the threshold of the state it leaves by the hysteresis.
   *
   * @return true when the state changed
   */
  public boolean update(long freePages, long nowNs) {
    MemoryState next = state;
    MemoryState raw = stateFor(freePages);
    if (raw.ordinal() > state.ordinal()) {
      next = raw;
    } else {
      double margin = 1 + policy.hysteresisPct() / 100;
      while (next.ordinal() > raw.ordinal() && freePages >= thresholdPages[next.ordinal()] * margin) {
        next = STATES[next.ordinal() - 1];
      }
    }
    if (next == state) {
      return false;
    }
    account(nowNs);
    state = next;
    return true;
  }

  /** The lowest state whose threshold {@code freePages} is below; HIGH when above clear's. */
  MemoryState stateFor(long freePages) {
    MemoryState found = MemoryState.HIGH;
    for (int s = MemoryState.CLEAR.ordinal(); s < STATES.length; s++) {
      if (freePages < thresholdPages[s]) {
        found = STATES[s];
      }
    }
    return found;
  }

  /**
   * Nanoseconds spent in each state since the last call, up to {@code nowNs}, into {@code out} (indexed by
   * ordinal); the counts start afresh.
   */
  public void drainTimeInStates(long nowNs, long[] out) {
    account(nowNs);
    System.arraycopy(timeInNs, 0, out, 0, timeInNs.length);
    Arrays.fill(timeInNs, 0);
  }

  private void account(long nowNs) {
    timeInNs[state.ordinal()] += Math.max(0, nowNs - sinceNs);
    sinceNs = Math.max(sinceNs, nowNs);
  }
}
