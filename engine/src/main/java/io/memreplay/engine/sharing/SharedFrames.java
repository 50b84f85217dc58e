package io.memreplay.engine.sharing;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;

/**
 * The host's shared frames (W02 §4.2): one host frame mapped copy-on-write by every page of a salt group
 * holding its content, with a reference count. The content's record in the {@link ContentIndex} names its
 * frame, the share key (salt group, content hash) being the record's, so pages need no slot of their own to
 * find it. Each frame also knows which VMs map it, so that what sharing saves each VM is a pass over the
 * frames, not over the pages.
 *
 * <p>Frames are numbered densely and reused once their last page leaves; all state is primitive arrays.
 */
public final class SharedFrames {

  private static final int NONE = -1;
  /** The owner of a frame mapped by pages of several VMs. */
  private static final int SEVERAL = -2;

  private final int[][] vmsOfGroup;
  /**
   * Pages of each VM mapping a frame of several VMs, by {@link #vmKey}: an entry per VM of such a frame, read
   * at interval ends, so a compact map (fastutil's, filled up to 90 %: 13 to 27 bytes an entry).
   */
  private final Long2IntOpenHashMap pagesOfVm = new Long2IntOpenHashMap(1 << 6, 0.9f);
  private int[] groups = new int[1 << 10];
  private int[] references = new int[1 << 10];
  private int[] owners = new int[1 << 10];
  /**
   * Of a frame of several VMs in a group of at most 64: which VMs of the group map it (bit i: the group's i-th
   * VM), so that {@link #savedPages} looks up only those in {@link #pagesOfVm}; a miss there probes far.
   */
  private long[] vmsMapping = new long[1 << 10];
  /** Each VM slot's index within its group. */
  private final int[] indexInGroup;
  /** Frames whose last page left, reused last in first out. */
  private final IntArrayList freeFrames = new IntArrayList();
  private int frameCount;
  private int liveFrames;

  /** @param vmsOfGroup the VM slots of each salt group */
  public SharedFrames(int[][] vmsOfGroup) {
    this.vmsOfGroup = vmsOfGroup;
    this.indexInGroup = SaltGroups.indexInGroup(vmsOfGroup);
  }

  /** A new shared frame for pages of salt group {@code group}, with no references yet. */
  public int newFrame(int group) {
    int frame = freeFrames.isEmpty() ? frameCount++ : freeFrames.popInt();
    if (frame == groups.length) {
      int size = frame * 2;
      groups = Arrays.copyOf(groups, size);
      references = Arrays.copyOf(references, size);
      owners = Arrays.copyOf(owners, size);
      vmsMapping = Arrays.copyOf(vmsMapping, size);
    }
    groups[frame] = group;
    references[frame] = 0;
    owners[frame] = NONE;
    vmsMapping[frame] = 0;
    liveFrames++;
    return frame;
  }

  /** One more page, of VM slot {@code vm}, maps {@code frame}. */
  public void reference(int frame, int vm) {
    int owner = owners[frame];
    if (owner == NONE) {
      owners[frame] = vm;
    } else if (owner == SEVERAL) {
      pagesOfVm.addTo(vmKey(frame, vm), 1);
      vmsMapping[frame] |= bitOf(vm);
    } else if (owner != vm) {
      pagesOfVm.put(vmKey(frame, owner), references[frame]);
      pagesOfVm.put(vmKey(frame, vm), 1);
      owners[frame] = SEVERAL;
      vmsMapping[frame] = bitOf(owner) | bitOf(vm);
    }
    references[frame]++;
  }

  /**
   * One page of VM slot {@code vm} fewer maps {@code frame}.
   *
   * @return true when that was the last page: the frame is gone and its host memory free
   */
  public boolean release(int frame, int vm) {
    // fastutil's addTo returns the count before
    if (owners[frame] == SEVERAL && pagesOfVm.addTo(vmKey(frame, vm), -1) == 1) {
      pagesOfVm.remove(vmKey(frame, vm));
      vmsMapping[frame] &= ~bitOf(vm);
    }
    if (--references[frame] > 0) {
      return false;
    }
    freeFrames.add(frame);
    owners[frame] = NONE;
    liveFrames--;
    return true;
  }

  public int references(int frame) {
    return references[frame];
  }

  /** Host frames the shared pages occupy. */
  public int liveFrames() {
    return liveFrames;
  }

  /**
   * What sharing saves each VM: {@code saved[vm]} becomes the sum over the VM's shared pages of 1 − 1 /
   * (references of the page's frame). A frame of one VM with r references saves it exactly r − 1.
   */
  public void savedPages(double[] saved) {
    Arrays.fill(saved, 0);
    for (int frame = 0; frame < frameCount; frame++) {
      int owner = owners[frame];
      if (owner >= 0) {
        saved[owner] += references[frame] - 1;
      } else if (owner == SEVERAL) {
        double perPage = 1 - 1.0 / references[frame];
        int[] members = vmsOfGroup[groups[frame]];
        if (members.length <= Long.SIZE) {
          // the VMs mapping the frame, in the group's order; the others would add 0
          for (long mapping = vmsMapping[frame]; mapping != 0; mapping &= mapping - 1) {
            int vm = members[Long.numberOfTrailingZeros(mapping)];
            saved[vm] += pagesOfVm.get(vmKey(frame, vm)) * perPage;
          }
        } else {
          for (int vm : members) {
            saved[vm] += pagesOfVm.get(vmKey(frame, vm)) * perPage;
          }
        }
      }
    }
  }

  /** The VM's bit in {@link #vmsMapping} (0 past the 64th VM of a group: those bits are not read). */
  private long bitOf(int vm) {
    int index = indexInGroup[vm];
    return index < Long.SIZE ? 1L << index : 0;
  }

  private static long vmKey(int frame, int vm) {
    return (long) frame << 16 | vm;
  }

}
