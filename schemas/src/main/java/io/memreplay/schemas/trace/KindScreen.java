package io.memreplay.schemas.trace;

import java.util.function.IntFunction;

/**
 * Screens the freshly decoded rows of one record kind, chunk after chunk, as every trace source does: a row
 * is dropped when it failed to decode, holds an enum ordinal outside its symbols or breaks its kind's
 * invariants ({@link Columns#invalid}), comes earlier than the last row kept (each kind is sorted by ts_ns),
 * or does not pass the {@link RecordScreen}. Each dropped row is reported
 * with its reason before it is removed, while it can still be described. Not thread-safe.
 */
public final class KindScreen {

  /** Receives a dropped row: its index in the chunk as decoded, and why. */
  public interface Rejects {
    void reject(int row, String reason);
  }

  private final RecordScreen screen;
  private final String orderRule;
  private boolean[] drop = new boolean[0];
  private long lastTs = Long.MIN_VALUE;

  /**
   * @param orderRule ends the reason of a row out of time order, e.g. "(the table must be sorted by ts_ns)"
   */
  public KindScreen(RecordScreen screen, String orderRule) {
    this.screen = screen;
    this.orderRule = orderRule;
  }

  /** The time of the last row kept, or {@link Long#MIN_VALUE} before the first. */
  public long lastTs() {
    return lastTs;
  }

  /**
   * Removes the rows of {@code rows} that cannot be replayed. A chunk that is fine throughout, nearly every one,
   * is told so a column at a time; only one with a row to drop is gone through a row at a time, for the reasons.
   *
   * @param decodeProblem the decoder's reason for row i, or null; null when the decoder found none at all
   * @return how many rows were removed
   */
  public int screen(Columns rows, IntFunction<String> decodeProblem, Rejects rejects) {
    int n = rows.size();
    if (decodeProblem == null && inOrder(rows) && rows.allValid() && screen.acceptsAll(rows)) {
      if (n > 0) {
        lastTs = rows.tsNs[n - 1];
      }
      return 0;
    }
    if (drop.length < n) {
      drop = new boolean[Math.max(n, 2 * drop.length)];
    }
    long[] ts = rows.tsNs;
    long last = lastTs;
    int dropped = 0;
    for (int i = 0; i < n; i++) {
      String reason = decodeProblem == null ? null : decodeProblem.apply(i);
      if (reason == null) {
        reason = rows.invalid(i);
      }
      if (reason == null && ts[i] < last) {
        reason = "ts_ns " + ts[i] + " is earlier than the previous " + rows.kind().table() + " row's " + last + " "
            + orderRule;
      }
      if (reason == null) {
        reason = screen.problem(rows, i);
      }
      drop[i] = reason != null;
      if (reason == null) {
        last = ts[i];
      } else {
        dropped++;
        rejects.reject(i, reason);
      }
    }
    lastTs = last;
    if (dropped > 0) {
      rows.removeRows(drop);
    }
    return dropped;
  }

  /** Whether the rows come in time order, after the last row kept. */
  private boolean inOrder(Columns rows) {
    long[] ts = rows.tsNs;
    long last = lastTs;
    for (int row = 0; row < rows.size(); row++) {
      if (ts[row] < last) {
        return false;
      }
      last = ts[row];
    }
    return true;
  }
}
