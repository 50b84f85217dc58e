package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.LongIntHashMap;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.Arrays;

/**
 * The content of every known page of every VM, and for each salt group how many of its VMs hold each
 * content: what {@link SharingPotential} is computed from. Contents are 64-bit hashes (equal hashes are
 * taken as equal contents); {@link Columns#NULL} marks a page whose content is unknown, which shares
 * with nothing.
 *
 * <p>Writes are frequent and mostly hit the same hot pages again, while the potential is only read at
 * interval ends. So {@link #set} only records the page's new content and marks it dirty; the counting
 * maps absorb each dirty page once, when a potential is asked for. The cost is then per distinct page
 * written per interval, not per write.
 */
public final class ContentIndex {

  private final int[] groupOfVm;
  private final LongIntHashMap[] holdersByGroup;
  private final VmContents[] vms;

  /** @param groupOfVm the salt group of each VM slot, see {@link SaltGroups#assign} */
  public ContentIndex(int[] groupOfVm) {
    this.groupOfVm = groupOfVm.clone();
    int groups = Arrays.stream(groupOfVm).max().orElse(-1) + 1;
    holdersByGroup = new LongIntHashMap[groups];
    for (int g = 0; g < groups; g++) {
      holdersByGroup[g] = new LongIntHashMap(1 << 12);
    }
    vms = new VmContents[groupOfVm.length];
    for (int v = 0; v < vms.length; v++) {
      vms[v] = new VmContents();
    }
  }

  /** Page {@code page} of VM slot {@code vm} now holds {@code hash} ({@link Columns#NULL}: unknown). */
  public void set(int vm, int page, long hash) {
    vms[vm].set(page, hash);
  }

  /** The sharing potential of VM slot {@code vm} as things stand. */
  public SharingPotential potential(int vm) {
    settle();
    VmContents contents = vms[vm];
    LongIntHashMap holders = holdersByGroup[groupOfVm[vm]];
    long[] zero = new long[1];
    long[] intra = new long[1];
    double[] inter = new double[1];
    double[] potential = new double[1];
    contents.copies.forEach((hash, copies) -> {
      int vmsHolding = holders.get(hash, 1);
      potential[0] += copies - 1.0 / vmsHolding;
      if (hash == ContentHashes.ZERO) {
        zero[0] += copies;
      } else {
        intra[0] += copies - 1;
        inter[0] += 1.0 - 1.0 / vmsHolding;
      }
    });
    return new SharingPotential(contents.known, zero[0], intra[0], inter[0], potential[0]);
  }

  /** Brings every VM's counts up to date with its pages' current contents. */
  private void settle() {
    for (int vm = 0; vm < vms.length; vm++) {
      vms[vm].settle(holdersByGroup[groupOfVm[vm]]);
    }
  }

  /**
   * One VM's page contents: the current content of each page, the content its counts reflect, and the
   * pages where the two may differ.
   */
  private static final class VmContents {
    long[] current = newHashes(1 << 12);
    long[] counted = newHashes(1 << 12);
    boolean[] dirty = new boolean[1 << 12];
    int[] dirtyPages = new int[1 << 10];
    int dirtyCount;
    /** Copies of each content among the counted pages. */
    final LongIntHashMap copies = new LongIntHashMap(1 << 12);
    long known;

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

    void settle(LongIntHashMap holders) {
      for (int i = 0; i < dirtyCount; i++) {
        int page = dirtyPages[i];
        dirty[page] = false;
        long old = counted[page];
        long now = current[page];
        if (old == now) {
          continue;
        }
        if (old != Columns.NULL) {
          known--;
          if (copies.addTo(old, -1) == 0) {
            copies.remove(old, 0);
            if (holders.addTo(old, -1) == 0) {
              holders.remove(old, 0);
            }
          }
        }
        if (now != Columns.NULL) {
          known++;
          if (copies.addTo(now, 1) == 1) {
            holders.addTo(now, 1);
          }
        }
        counted[page] = now;
      }
      dirtyCount = 0;
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
