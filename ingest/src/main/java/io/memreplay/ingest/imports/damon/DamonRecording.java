package io.memreplay.ingest.imports.damon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a DAMON record file holds, in primitive arrays: per monitoring target, its snapshots (one per aggregation
 * interval: start and end time) and each snapshot's regions (an address range and how many of the snapshot's
 * samples found it accessed). Only the regions accessed at least the importer's minimum are kept: about 20
 * bytes each, so memory grows with the accessed regions of the recording, not with its memory.
 */
final class DamonRecording {

  /** One monitoring target: a process's address space, or physical memory. */
  static final class Target {
    final String id;
    int snapshots;
    long[] snapshotStartNs = new long[16];
    long[] snapshotEndNs = new long[16];
    /** Region index where each snapshot's regions start; its regions end where the next snapshot's start. */
    int[] firstRegion = new int[17];
    final Ranges regions = new Ranges();
    /** How long snapshots whose start is known last, in order of reading: the aggregation intervals. */
    long[] durationsNs = new long[16];
    int durations;

    Target(String id) {
      this.id = id;
    }

    /** Starts a snapshot; its regions follow. {@code startNs} may be -1: unknown. */
    void snapshot(long startNs, long endNs) {
      if (snapshots == snapshotEndNs.length) {
        snapshotStartNs = Arrays.copyOf(snapshotStartNs, snapshots * 2);
        snapshotEndNs = Arrays.copyOf(snapshotEndNs, snapshots * 2);
        firstRegion = Arrays.copyOf(firstRegion, snapshots * 2 + 1);
      }
      snapshotStartNs[snapshots] = startNs;
      snapshotEndNs[snapshots] = endNs;
      firstRegion[snapshots] = regions.size;
      firstRegion[snapshots + 1] = regions.size;
      snapshots++;
      if (startNs >= 0 && endNs > startNs) {
        if (durations == durationsNs.length) {
          durationsNs = Arrays.copyOf(durationsNs, durations * 2);
        }
        durationsNs[durations++] = endNs - startNs;
      }
    }

    /**
     * The target's aggregation interval: the median length of its snapshots, to the millisecond (DAMON's own
     * intervals drift by a fraction of one), or -1 when no snapshot's start is known.
     */
    long aggregationNs() {
      if (durations == 0) {
        return -1;
      }
      long[] sorted = Arrays.copyOf(durationsNs, durations);
      Arrays.sort(sorted);
      long median = sorted[durations / 2];
      return Math.max(1_000_000L, Math.round(median / 1e6) * 1_000_000L);
    }

    /** A region of the current snapshot. */
    void region(long start, long end, int accesses) {
      regions.add(start, end, accesses);
      firstRegion[snapshots] = regions.size;
    }
  }

  private final List<Target> targets = new ArrayList<>();

  /** The target {@code id}, added when new. */
  Target target(String id) {
    for (Target target : targets) {
      if (target.id.equals(id)) {
        return target;
      }
    }
    Target target = new Target(id);
    targets.add(target);
    return target;
  }

  List<Target> targets() {
    return targets;
  }
}
