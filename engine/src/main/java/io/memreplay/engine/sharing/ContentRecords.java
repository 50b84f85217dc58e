package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.LongIntHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * Contents held by more than one page of one salt group: their hash, how many pages and VMs hold them, the
 * copies of each VM, the page the sharing scanner last left a hint at, and their shared frame. Records are
 * numbered densely and reused once their last page leaves. VMs are numbered within the group. Each VM's
 * copies of a record held by several are kept in a dense array when the group is small, in a map when not.
 */
final class ContentRecords {

  /** Groups up to this many VMs keep each record's copies per VM in an array. */
  private static final int DENSE_GROUP = 16;

  /** The holder of a record held by several VMs. */
  static final int SEVERAL = -1;
  static final long NO_HINT = -1;
  static final int NO_FRAME = -1;
  private static final int NO_ROW = -1;

  long[] hash = new long[1 << 8];
  /** Pages of the group holding the content. */
  int[] pages = new int[1 << 8];
  /** VMs of the group holding at least one copy. */
  int[] holders = new int[1 << 8];
  /** The VM of the group holding every copy, or {@link #SEVERAL}. */
  int[] soleVm = new int[1 << 8];
  /** The page last hinted with the content, as {@code vm << 32 | page}, or {@link #NO_HINT}. */
  long[] hint = new long[1 << 8];
  /** The shared frame of the content, or {@link #NO_FRAME}. */
  int[] frame = new int[1 << 8];
  /** The row of {@link #denseCopies} of a record held by several VMs, or {@link #NO_ROW}. */
  private int[] copiesRow = new int[1 << 8];
  private final int groupSize;
  /** Copies of each VM of a record held by several, in a small group: {@code row × group size + vm}. */
  private int[] denseCopies;
  /** Rows of {@link #denseCopies} whose record was released, reused last in first out. */
  private final IntArrayList freeRows = new IntArrayList();
  private int rowCount;
  /** The same by {@link #key} in a large group. */
  private final LongIntHashMap sparseCopies;
  /** Records released, reused last in first out. */
  private final IntArrayList free = new IntArrayList();
  private int count;

  ContentRecords(int groupSize) {
    this.groupSize = groupSize;
    boolean dense = groupSize <= DENSE_GROUP;
    this.denseCopies = dense ? new int[(1 << 6) * groupSize] : null;
    this.sparseCopies = dense ? null : new LongIntHashMap(1 << 6);
  }

  /** A new record of {@code hash}: {@code copiesOfVm} copies, all of VM {@code vm} of the group. */
  int create(long contentHash, int vm, int copiesOfVm, long hinted) {
    int record = free.isEmpty() ? count++ : free.popInt();
    if (record == hash.length) {
      // by half: records are as many as the contents several pages hold, millions on a large host
      int size = record + record / 2;
      hash = Arrays.copyOf(hash, size);
      pages = Arrays.copyOf(pages, size);
      holders = Arrays.copyOf(holders, size);
      soleVm = Arrays.copyOf(soleVm, size);
      hint = Arrays.copyOf(hint, size);
      frame = Arrays.copyOf(frame, size);
      copiesRow = Arrays.copyOf(copiesRow, size);
    }
    hash[record] = contentHash;
    pages[record] = copiesOfVm;
    holders[record] = 1;
    soleVm[record] = vm;
    hint[record] = hinted;
    frame[record] = NO_FRAME;
    copiesRow[record] = NO_ROW;
    return record;
  }

  void release(int record) {
    int row = copiesRow[record];
    if (row != NO_ROW) {
      freeRows.add(row);
    }
    free.add(record);
  }

  /** Copies VM {@code vm} of the group holds of the record's content. */
  int copiesOf(int record, int vm) {
    int sole = soleVm[record];
    if (sole != SEVERAL) {
      return sole == vm ? pages[record] : 0;
    }
    return denseCopies != null ? denseCopies[copiesRow[record] * groupSize + vm] : sparseCopies.get(key(record, vm), 0);
  }

  /**
   * One more copy for VM {@code vm} of the group, or one fewer ({@code delta} −1); returns the VM's copies after.
   * Holders and pages are kept by the caller.
   */
  int addCopies(int record, int vm, int delta) {
    int sole = soleVm[record];
    if (sole == vm) {
      return pages[record] + delta;
    }
    if (sole != SEVERAL) {
      // a second VM: from now on each VM's copies are counted apart
      if (denseCopies != null) {
        int row = newRow();
        copiesRow[record] = row;
        Arrays.fill(denseCopies, row * groupSize, (row + 1) * groupSize, 0);
        denseCopies[row * groupSize + sole] = pages[record];
      } else {
        sparseCopies.put(key(record, sole), pages[record]);
      }
      soleVm[record] = SEVERAL;
    }
    if (denseCopies != null) {
      return denseCopies[copiesRow[record] * groupSize + vm] += delta;
    }
    int after = sparseCopies.addTo(key(record, vm), delta);
    if (after == 0) {
      sparseCopies.remove(key(record, vm), 0);
    }
    return after;
  }

  private int newRow() {
    if (!freeRows.isEmpty()) {
      return freeRows.popInt();
    }
    int row = rowCount++;
    if ((row + 1) * groupSize > denseCopies.length) {
      denseCopies = Arrays.copyOf(denseCopies, denseCopies.length * 2);
    }
    return row;
  }

  private static long key(int record, int vm) {
    return (long) record << 16 | vm;
  }
}
