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
    VmContents contents = vms[vm];
    long old = contents.get(page);
    if (old == hash) {
      return;
    }
    LongIntHashMap holders = holdersByGroup[groupOfVm[vm]];
    if (old != Columns.NULL) {
      contents.known--;
      if (contents.copies.addTo(old, -1) == 0) {
        contents.copies.remove(old, 0);
        if (holders.addTo(old, -1) == 0) {
          holders.remove(old, 0);
        }
      }
    }
    if (hash != Columns.NULL) {
      contents.known++;
      if (contents.copies.addTo(hash, 1) == 1) {
        holders.addTo(hash, 1);
      }
    }
    contents.set(page, hash);
  }

  /** The sharing potential of VM slot {@code vm} as things stand. */
  public SharingPotential potential(int vm) {
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

  /** One VM's page contents, by page index, and its copies of each content. */
  private static final class VmContents {
    long[] hashByPage = newHashes(1 << 12);
    final LongIntHashMap copies = new LongIntHashMap(1 << 12);
    long known;

    long get(int page) {
      return page < hashByPage.length ? hashByPage[page] : Columns.NULL;
    }

    void set(int page, long hash) {
      if (page >= hashByPage.length) {
        int size = hashByPage.length;
        while (size <= page) {
          size *= 2;
        }
        long[] grown = Arrays.copyOf(hashByPage, size);
        Arrays.fill(grown, hashByPage.length, size, Columns.NULL);
        hashByPage = grown;
      }
      hashByPage[page] = hash;
    }

    private static long[] newHashes(int size) {
      long[] hashes = new long[size];
      Arrays.fill(hashes, Columns.NULL);
      return hashes;
    }
  }
}
