package io.memreplay.engine.model;

import java.util.Arrays;

/**
 * What the host tells the replay loop about each VM between events: whether the VM runs (the loop replays
 * no event of a VM that does not, and counts what it skipped), how long its vCPUs waited on the host since
 * the loop last asked (the loop delays the VM's later events by that, see closed-loop pacing), and how
 * many vCPUs it has; the loop tells the host how far each VM's clock is behind. Host
 * memory writes it, the loop reads it; one per run, single-threaded like the run.
 */
public final class HostFeedback {

  private final boolean[] running;
  private int stopped;
  private final double[] stallNs;
  private boolean stalled;
  private final int[] vcpus;
  private final long[] delayNs;
  private long changes;

  /** Every VM runs until told otherwise. */
  public HostFeedback(int vmCount) {
    running = new boolean[vmCount];
    Arrays.fill(running, true);
    stallNs = new double[vmCount];
    vcpus = new int[vmCount];
    Arrays.fill(vcpus, 1);
    delayNs = new long[vmCount];
  }

  /**
   * How far VM slot {@code slot}'s own clock is behind host time: host time less this is the VM's execution
   * time, over which the host measures its activity (W02 §5.3). Told by the loop.
   */
  public long delayNs(int slot) {
    return delayNs[slot];
  }

  public void setDelayNs(int slot, long delay) {
    if (delayNs[slot] != delay) {
      delayNs[slot] = delay;
      changes++;
    }
  }

  /**
   * A count that moves whenever a VM's delay or whether it runs changes: what the loop derives from all VMs'
   * clocks stays valid while it stands still, so hosts of many VMs are not scanned per event.
   */
  public long changes() {
    return changes;
  }

  /** The vCPUs of VM slot {@code slot}, over which its stall spreads. */
  public int vcpus(int slot) {
    return vcpus[slot];
  }

  /** VM slot {@code slot} has {@code count} vCPUs from now on. */
  public void setVcpus(int slot, int count) {
    vcpus[slot] = Math.max(1, count);
  }

  public boolean running(int slot) {
    return running[slot];
  }

  /** Whether every VM runs: the loop then skips nothing, and checks nothing per event. */
  public boolean allRunning() {
    return stopped == 0;
  }

  /** VM slot {@code slot} runs from now on (powered on), or stops (powered off, or refused at power-on). */
  public void setRunning(int slot, boolean runs) {
    if (running[slot] != runs) {
      running[slot] = runs;
      stopped += runs ? -1 : 1;
      changes++;
    }
  }

  /** VM slot {@code slot}'s vCPUs waited {@code vcpuNs} in all (one vCPU waiting 1 ms, or two 0.5 ms each). */
  public void stall(int slot, double vcpuNs) {
    stallNs[slot] += vcpuNs;
    stalled = true;
  }

  /** Whether any VM waited since the last {@link #takeStalls}. */
  public boolean stalled() {
    return stalled;
  }

  /** Adds each VM's waiting since the last call to {@code out} (by slot), and starts afresh. */
  public void takeStalls(double[] out) {
    for (int slot = 0; slot < stallNs.length; slot++) {
      out[slot] += stallNs[slot];
      stallNs[slot] = 0;
    }
    stalled = false;
  }
}
