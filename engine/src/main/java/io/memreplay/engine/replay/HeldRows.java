package io.memreplay.engine.replay;

import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM's held events of one kind: rows copied out of the batches they came in, oldest first, in blocks
 * of fixed size that are reused once emptied. The replay loop holds a VM's events while the VM is
 * delayed, until host time reaches them.
 */
final class HeldRows {

  /** Rows per block: small, as each VM holding events of a kind has a block of it partly filled. */
  private static final int BLOCK_ROWS = 1 << 10;

  /**
   * Empty blocks of one kind, shared by every VM's rows of that kind, kept up to a bound: enough for the
   * usual back and forth of lagging VMs, and not a spare per VM on hosts of hundreds of VMs.
   */
  static final class Spares {
    private static final int MAX_BLOCKS = 16;
    private final List<Columns> blocks = new ArrayList<>();

    private Columns take(RecordKind kind) {
      return blocks.isEmpty() ? kind.newColumns(BLOCK_ROWS) : blocks.remove(blocks.size() - 1);
    }

    private void give(Columns block) {
      if (blocks.size() < MAX_BLOCKS) {
        blocks.add(block);
      }
    }
  }

  private final RecordKind kind;
  private final List<Columns> blocks = new ArrayList<>();
  private final Spares spare;
  /** Index in {@link #blocks} of the block holding the oldest row, and that row's index in it. */
  private int first;
  private int firstRow;
  private int size;

  HeldRows(RecordKind kind, Spares spare) {
    this.kind = kind;
    this.spare = spare;
  }

  /** Appends row {@code row} of {@code source}, a block of this kind. */
  void add(Columns source, int row) {
    Columns tail = blocks.size() > first ? blocks.get(blocks.size() - 1) : null;
    if (tail == null || tail.remaining() == 0) {
      tail = spare.take(kind);
      tail.clear();
      blocks.add(tail);
    }
    tail.appendRow(source, row);
    size++;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The block holding the oldest row; with {@link #headRow}, where it is. */
  Columns headBlock() {
    return blocks.get(first);
  }

  int headRow() {
    return firstRow;
  }

  long headTs() {
    return blocks.get(first).tsNs[firstRow];
  }

  /** The trace time of the {@code index}-th oldest row. */
  long tsAt(int index) {
    int position = firstRow + index;
    return blocks.get(first + position / BLOCK_ROWS).tsNs[position % BLOCK_ROWS];
  }

  /** Drops the oldest row. */
  void pop() {
    size--;
    firstRow++;
    Columns emptied = blocks.get(first);
    if (firstRow == emptied.size()) {
      first++;
      firstRow = 0;
      spare.give(emptied);
      if (first == blocks.size() || first > 64) {
        blocks.subList(0, first).clear();
        first = 0;
      }
    }
  }
}
