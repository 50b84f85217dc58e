package io.memreplay.engine.memory;

import io.memreplay.engine.config.StatePolicy;
import io.memreplay.engine.config.MemoryState;
import io.memreplay.engine.config.VmSpec;
import java.util.Arrays;

/**
 * Which free-memory state the host is in (docs/model.md "Host memory"): thresholds from minFree or from
 * host memory, entered as free memory falls below them and left upwards only past the hysteresis, and the
 * time spent in each state.
 */
public final class FreeMemoryStates {

  private static final MemoryState[] STATES = MemoryState.values();

  private final long managedMb;
  private final long hostMb;
  private StatePolicy policy;
  private long minFreePages;
  private long basisPages;
  private final long[] thresholdPages = new long[STATES.length];
  private final long[] timeInNs = new long[STATES.length];
  private MemoryState state = MemoryState.HIGH;
  private long sinceNs;

  /**
   * @param managedMb memory the VMkernel manages: host memory less what it keeps for itself
   * @param hostMb host memory, the basis of fixed percentages
   */
  public FreeMemoryStates(StatePolicy policy, long managedMb, long hostMb, long startNs) {
    this.managedMb = managedMb;
    this.hostMb = hostMb;
    configure(policy);
    this.sinceNs = startNs;
  }

  /** New thresholds from now on; the state stays until the next {@link #update}. */
  public void configure(StatePolicy states) {
    this.policy = states;
    this.minFreePages = Math.round(minFreeMb(managedMb, hostMb, states.minFreePct()) * VmSpec.PAGES_PER_MB);
    this.basisPages = states.basis() == StatePolicy.Basis.MIN_FREE ? minFreePages : hostMb * VmSpec.PAGES_PER_MB;
    for (MemoryState s : STATES) {
      thresholdPages[s.ordinal()] = percentOfBasis(states.thresholdPct(s));
    }
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

  /**
   * Throws unless the state agrees with {@code freePages} as {@link #update} left it: never above what free
   * memory says (a lower state is entered at once), and below it only within the hysteresis.
   */
  public void check(long freePages) {
    int s = state.ordinal();
    boolean notTooHigh = s == STATES.length - 1 || freePages >= thresholdPages[s + 1];
    boolean notTooLow = s == 0 || freePages < thresholdPages[s] * (1 + policy.hysteresisPct() / 100);
    if (!notTooHigh || !notTooLow) {
      throw new IllegalStateException("state " + state + " with " + freePages + " pages free; thresholds "
          + Arrays.toString(thresholdPages) + ", hysteresis " + policy.hysteresisPct() + "%");
    }
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
