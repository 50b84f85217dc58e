package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.LongIntHashMap;
import java.util.Arrays;

/**
 * Contents held by more than one page of a salt group: their hash, how many pages and VMs hold them, the
 * copies of each VM, and the page the sharing scanner last left a hint at. Records are numbered densely and
 * reused once their last page leaves.
 */
final class ContentRecords {

  /** The holder of a record held by several VMs. */
  static final int SEVERAL = -1;
  static final long NO_HINT = -1;

  long[] hash = new long[1 << 8];
  /** Pages of the group holding the content. */
  int[] pages = new int[1 << 8];
  /** VMs of the group holding at least one copy. */
  int[] holders = new int[1 << 8];
  /** The VM slot holding every copy, or {@link #SEVERAL}. */
  int[] soleVm = new int[1 << 8];
  /** The page last hinted with the content, as {@code vm << 32 | page}, or {@link #NO_HINT}. */
  long[] hint = new long[1 << 8];
  /** Copies of each VM of a record held by several, by {@link #key}. */
  private final LongIntHashMap copies = new LongIntHashMap(1 << 6);
  private int[] free = new int[1 << 6];
  private int freeCount;
  private int count;

  /** A new record of {@code hash}: {@code pages} copies, all of VM {@code vm}. */
  int create(long contentHash, int vm, int copiesOfVm, long hinted) {
    int record = freeCount > 0 ? free[--freeCount] : count++;
    if (record == hash.length) {
      int size = record * 2;
      hash = Arrays.copyOf(hash, size);
      pages = Arrays.copyOf(pages, size);
      holders = Arrays.copyOf(holders, size);
      soleVm = Arrays.copyOf(soleVm, size);
      hint = Arrays.copyOf(hint, size);
    }
    hash[record] = contentHash;
    pages[record] = copiesOfVm;
    holders[record] = 1;
    soleVm[record] = vm;
    hint[record] = hinted;
    return record;
  }

  void release(int record) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = record;
  }

  /** Copies VM slot {@code vm} holds of the record's content. */
  int copiesOf(int record, int vm) {
    int sole = soleVm[record];
    if (sole != SEVERAL) {
      return sole == vm ? pages[record] : 0;
    }
    return copies.get(key(record, vm), 0);
  }

  /**
   * One more copy for VM slot {@code vm}, or one fewer ({@code delta} −1); returns the VM's copies after.
   * Holders and pages are kept by the caller.
   */
  int addCopies(int record, int vm, int delta) {
    int sole = soleVm[record];
    if (sole == vm) {
      return pages[record] + delta;
    }
    if (sole != SEVERAL) {
      // a second VM: from now on each VM's copies are counted apart
      copies.put(key(record, sole), pages[record]);
      soleVm[record] = SEVERAL;
    }
    int after = copies.addTo(key(record, vm), delta);
    if (after == 0) {
      copies.remove(key(record, vm), 0);
    }
    return after;
  }

  private static long key(int record, int vm) {
    return (long) record << 16 | vm;
  }
}
