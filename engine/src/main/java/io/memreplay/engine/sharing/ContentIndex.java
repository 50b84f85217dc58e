package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.LongIntHashMap;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The content of every known page of every VM, and what {@link SharingPotential} needs to know about
 * it. Contents are 64-bit hashes (equal hashes are taken as equal contents); {@link Columns#NULL} marks a
 * page whose content is unknown, which shares with nothing.
 *
 * <p>Two costs are kept off the common path. Writes mostly hit the same hot pages again while the
 * potential is only read at interval ends, so {@link #set} only records a page's new content and marks
 * it dirty; the counts absorb each dirty page once, when a potential is asked for. And the potential's
 * sum of 1/k over a VM's contents (k: the VMs of its salt group holding the content) is kept as a
 * histogram of the VM's contents by k, so reading it costs O(VMs), not O(contents). A VM's histogram
 * changes when it gains or loses a content, and when another VM of its group does so with a content they
 * both hold; only then are the group's other VMs asked whether they hold it.
 */
public final class ContentIndex {

  private final int[] groupOfVm;
  private final int[][] vmsOfGroup;
  private final LongIntHashMap[] holdersByGroup;
  private final VmContents[] vms;

  /** @param groupOfVm the salt group of each VM slot, see {@link SaltGroups#assign} */
  public ContentIndex(int[] groupOfVm) {
    this.groupOfVm = groupOfVm.clone();
    int groups = Arrays.stream(groupOfVm).max().orElse(-1) + 1;
    vmsOfGroup = new int[groups][];
    holdersByGroup = new LongIntHashMap[groups];
    for (int g = 0; g < groups; g++) {
      int group = g;
      vmsOfGroup[g] = IntStream.range(0, groupOfVm.length).filter(v -> groupOfVm[v] == group).toArray();
      holdersByGroup[g] = new LongIntHashMap(1 << 12);
    }
    vms = new VmContents[groupOfVm.length];
    for (int v = 0; v < vms.length; v++) {
      vms[v] = new VmContents(vmsOfGroup[groupOfVm[v]].length);
    }
  }

  /** Page {@code page} of VM slot {@code vm} now holds {@code hash} ({@link Columns#NULL}: unknown). */
  public void set(int vm, int page, long hash) {
    vms[vm].set(page, hash);
  }

  /** The content recorded for a page: read ahead of {@link #set} to warm its cache line. */
  public long contentOf(int vm, int page) {
    long[] current = vms[vm].current;
    return page < current.length ? current[page] : Columns.NULL;
  }

  /** The sharing potential of VM slot {@code vm} as things stand. */
  public SharingPotential potential(int vm) {
    settle();
    VmContents contents = vms[vm];
    int zeroCopies = contents.copies.get(ContentHashes.ZERO, 0);
    long nonZeroKnown = contents.known - zeroCopies;
    long nonZeroDistinct = contents.copies.size() - (zeroCopies > 0 ? 1 : 0);
    double nonZeroCharged = 0;
    for (int k = 1; k < contents.nonZeroByHolders.length; k++) {
      nonZeroCharged += (double) contents.nonZeroByHolders[k] / k;
    }
    double zeroCharged = zeroCopies > 0 ? 1.0 / holdersByGroup[groupOfVm[vm]].get(ContentHashes.ZERO, 1) : 0;
    return new SharingPotential(contents.known, zeroCopies, nonZeroKnown - nonZeroDistinct,
        nonZeroDistinct - nonZeroCharged, (nonZeroKnown - nonZeroCharged) + (zeroCopies - zeroCharged));
  }

  /** Brings every VM's counts up to date with its pages' current contents. */
  private void settle() {
    for (int vm = 0; vm < vms.length; vm++) {
      VmContents contents = vms[vm];
      for (int i = 0; i < contents.dirtyCount; i++) {
        int page = contents.dirtyPages[i];
        contents.dirty[page] = false;
        long counted = contents.counted[page];
        long current = contents.current[page];
        if (counted != current) {
          uncount(vm, counted);
          count(vm, current);
          contents.counted[page] = current;
        }
      }
      contents.dirtyCount = 0;
    }
  }

  private void count(int vm, long hash) {
    if (hash == Columns.NULL) {
      return;
    }
    VmContents contents = vms[vm];
    contents.known++;
    if (contents.copies.addTo(hash, 1) > 1) {
      return;
    }
    LongIntHashMap holders = holdersByGroup[groupOfVm[vm]];
    int before = holders.addTo(hash, 1) - 1;
    if (before > 0) {
      moveOtherHolders(vm, hash, before, before + 1);
    }
    contents.tally(hash, before + 1, 1);
  }

  private void uncount(int vm, long hash) {
    if (hash == Columns.NULL) {
      return;
    }
    VmContents contents = vms[vm];
    contents.known--;
    if (contents.copies.addTo(hash, -1) > 0) {
      return;
    }
    contents.copies.remove(hash, 0);
    LongIntHashMap holders = holdersByGroup[groupOfVm[vm]];
    int before = holders.addTo(hash, -1) + 1;
    contents.tally(hash, before, -1);
    if (before == 1) {
      holders.remove(hash, 0);
    } else {
      moveOtherHolders(vm, hash, before, before - 1);
    }
  }

  /** The other VMs of {@code vm}'s group that hold {@code hash} now see it held by {@code to} VMs, not {@code from}. */
  private void moveOtherHolders(int vm, long hash, int from, int to) {
    for (int other : vmsOfGroup[groupOfVm[vm]]) {
      if (other != vm && vms[other].copies.containsKey(hash)) {
        vms[other].tally(hash, from, -1);
        vms[other].tally(hash, to, 1);
      }
    }
  }

  /**
   * One VM's page contents: the current content of each page, the content its counts reflect, the pages
   * where the two may differ, and the counts.
   */
  private static final class VmContents {
    long[] current = newHashes(1 << 12);
    long[] counted = newHashes(1 << 12);
    boolean[] dirty = new boolean[1 << 12];
    int[] dirtyPages = new int[1 << 10];
    int dirtyCount;
    /** Copies of each content among the counted pages. */
    final LongIntHashMap copies = new LongIntHashMap(1 << 12);
    /** Non-zero contents of this VM by the number of VMs of its group holding them (index 1..group size). */
    final long[] nonZeroByHolders;
    long known;

    VmContents(int groupSize) {
      nonZeroByHolders = new long[groupSize + 1];
    }

    void set(int page, long hash) {
      if (page >= current.length) {
        grow(page);
      }
      current[page] = hash;
      if (!dirty[page]) {
        dirty[page] = true;
        if (dirtyCount == dirtyPages.length) {
          dirtyPages = Arrays.copyOf(dirtyPages, dirtyCount * 2);
        }
        dirtyPages[dirtyCount++] = page;
      }
    }

    /** Adds {@code delta} non-zero contents held by {@code holders} VMs; the zero page is counted apart. */
    void tally(long hash, int holders, int delta) {
      if (hash != ContentHashes.ZERO) {
        nonZeroByHolders[holders] += delta;
      }
    }

    private void grow(int page) {
      int size = current.length;
      while (size <= page) {
        size *= 2;
      }
      current = grownHashes(current, size);
      counted = grownHashes(counted, size);
      dirty = Arrays.copyOf(dirty, size);
    }

    private static long[] grownHashes(long[] hashes, int size) {
      long[] grown = Arrays.copyOf(hashes, size);
      Arrays.fill(grown, hashes.length, size, Columns.NULL);
      return grown;
    }

    private static long[] newHashes(int size) {
      long[] hashes = new long[size];
      Arrays.fill(hashes, Columns.NULL);
      return hashes;
    }
  }
}
