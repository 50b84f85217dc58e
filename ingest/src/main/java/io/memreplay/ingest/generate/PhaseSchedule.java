package io.memreplay.ingest.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * When a VM is busy, and with how much memory: a short idle lead-in (booted, not yet loaded), a growth
 * phase in which the working set grows in steps from 10% of the guest to the VM's target, then steady and
 * idle phases in turn until the trace ends. Target, busy rate and phase lengths are drawn per VM, so VMs
 * peak and rest at different times. Idle phases matter: they are what ESX's idle memory tax and its
 * active-memory sampling are for.
 */
final class PhaseSchedule {

  enum Phase { GROWTH, STEADY, IDLE }

  /**
   * A stretch of constant behaviour.
   *
   * @param rate relative access rate, per ns of trace time; only ratios between segments and VMs matter
   * @param workingSetShare the working set as a share of the guest's pages
   */
  record Segment(Phase phase, long startNs, long endNs, double rate, double workingSetShare) {
    /** Expected accesses in the segment, in the unit of {@link #rate}. */
    double work() {
      return rate * (endNs - startNs);
    }
  }

  static final double MIN_TARGET = 0.20;
  static final double MAX_TARGET = 0.60;
  static final double GROWTH_START = 0.10;
  /** Steps of the growth phase: few enough that samplers are rebuilt rarely, enough to look smooth. */
  static final int GROWTH_STEPS = 32;
  static final double IDLE_WORKING_SET = 0.02;
  /** An idle VM still runs timers and daemons: a twentieth of its busy rate. */
  static final double IDLE_RATE = 0.05;

  private final List<Segment> segments;

  private PhaseSchedule(List<Segment> segments) {
    this.segments = List.copyOf(segments);
  }

  /** Draws a schedule over [0, durationNs]; lengths below are shares of the duration. */
  static PhaseSchedule draw(SplittableRandom random, long durationNs) {
    double target = uniform(random, MIN_TARGET, MAX_TARGET);
    double busyRate = uniform(random, 0.5, 1.5);
    double idleRate = busyRate * IDLE_RATE;
    Timeline timeline = new Timeline(durationNs);
    timeline.add(Phase.IDLE, uniform(random, 0, 0.10), idleRate, IDLE_WORKING_SET);
    double growthStep = uniform(random, 0.10, 0.20) / GROWTH_STEPS;
    for (int step = 0; step < GROWTH_STEPS; step++) {
      double share = GROWTH_START + (target - GROWTH_START) * step / (GROWTH_STEPS - 1);
      timeline.add(Phase.GROWTH, growthStep, busyRate, share);
    }
    while (!timeline.full()) {
      timeline.add(Phase.STEADY, uniform(random, 0.15, 0.35), busyRate, target);
      timeline.add(Phase.IDLE, uniform(random, 0.05, 0.15), idleRate, IDLE_WORKING_SET);
    }
    return new PhaseSchedule(timeline.segments);
  }

  /** Consecutive segments from 0 to the trace's end. */
  List<Segment> segments() {
    return segments;
  }

  /** Expected accesses over the whole trace, in the unit of {@link Segment#rate}. */
  double totalWork() {
    double work = 0;
    for (Segment segment : segments) {
      work += segment.work();
    }
    return work;
  }

  private static double uniform(SplittableRandom random, double from, double to) {
    return from + (to - from) * random.nextDouble();
  }

  /** Lays segments end to end, cutting the last one at the trace's end. */
  private static final class Timeline {
    final long durationNs;
    final List<Segment> segments = new ArrayList<>();
    long endNs;

    Timeline(long durationNs) {
      this.durationNs = durationNs;
    }

    void add(Phase phase, double lengthShare, double rate, double workingSetShare) {
      long end = Math.min(durationNs, endNs + Math.round(lengthShare * durationNs));
      if (end > endNs) {
        segments.add(new Segment(phase, endNs, end, rate, workingSetShare));
        endNs = end;
      }
    }

    boolean full() {
      return endNs >= durationNs;
    }
  }
}
