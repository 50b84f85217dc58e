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

  private static final int BLOCK_ROWS = 1 << 12;
  /** Empty blocks kept for reuse: enough for the usual back and forth of a lagging VM. */
  private static final int SPARE_BLOCKS = 4;

  private final RecordKind kind;
  private final List<Columns> blocks = new ArrayList<>();
  private final List<Columns> spare = new ArrayList<>();
  /** Index in {@link #blocks} of the block holding the oldest row, and that row's index in it. */
  private int first;
  private int firstRow;
  private int size;

  HeldRows(RecordKind kind) {
    this.kind = kind;
  }

  /** Appends row {@code row} of {@code source}, a block of this kind. */
  void add(Columns source, int row) {
    Columns tail = blocks.size() > first ? blocks.get(blocks.size() - 1) : null;
    if (tail == null || tail.remaining() == 0) {
      tail = spare.isEmpty() ? kind.newColumns(BLOCK_ROWS) : spare.remove(spare.size() - 1);
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
      if (spare.size() < SPARE_BLOCKS) {
        spare.add(emptied);
      }
      if (first == blocks.size() || first > 64) {
        blocks.subList(0, first).clear();
        first = 0;
      }
    }
  }
}
