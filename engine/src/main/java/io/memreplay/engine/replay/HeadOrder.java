package io.memreplay.engine.replay;

import java.util.Arrays;

/**
 * The VMs' next held events in release order: by host time, then kind, then VM slot. A winner tree over the
 * VM slots: the root holds the VM whose head goes first, and when one VM's head changes only the log2(VMs)
 * matches on its path are played again. A scan of every VM per released event would cost a host of a
 * hundred VMs more than the events themselves.
 */
final class HeadOrder {

  static final int NONE = -1;

  private final long[] hostNs;
  private final int[] kind;
  /** Leaves (VM slots) from {@code leaves} on, the winner of each match above them; NONE where no VM has a head. */
  private final int[] winners;
  private final int leaves;

  HeadOrder(int vms) {
    this.hostNs = new long[vms];
    this.kind = new int[vms];
    this.leaves = Integer.highestOneBit(Math.max(1, vms) * 2 - 1);
    this.winners = new int[2 * leaves];
    Arrays.fill(winners, NONE);
  }

  /** VM slot {@code slot}'s next event happens at host time {@code hostNs} and is of kind {@code kind}. */
  void set(int slot, long hostNs, int kind) {
    this.hostNs[slot] = hostNs;
    this.kind[slot] = kind;
    replay(slot, slot);
  }

  /** VM slot {@code slot} has nothing held. */
  void remove(int slot) {
    replay(slot, NONE);
  }

  /** The VM slot whose head goes first, {@link #NONE} when no VM has one. */
  int first() {
    return winners[1];
  }

  long hostNs(int slot) {
    return hostNs[slot];
  }

  int kind(int slot) {
    return kind[slot];
  }

  /** Whether VM slot {@code a}'s head goes before slot {@code b}'s (always when b is {@link #NONE}). */
  boolean before(int a, int b) {
    if (b == NONE) {
      return true;
    }
    if (hostNs[a] != hostNs[b]) {
      return hostNs[a] < hostNs[b];
    }
    return kind[a] != kind[b] ? kind[a] < kind[b] : a < b;
  }

  private void replay(int slot, int leaf) {
    int node = leaves + slot;
    winners[node] = leaf;
    for (node >>>= 1; node > 0; node >>>= 1) {
      int left = winners[2 * node];
      int right = winners[2 * node + 1];
      winners[node] = left == NONE ? right : right == NONE || before(left, right) ? left : right;
    }
  }
}
