package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.LongLongHashMap;
import io.memreplay.engine.primitives.PagedBytes;
import io.memreplay.engine.primitives.PagedLongs;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The content of every known page of every VM, indexed by salt group: what {@link SharingPotential} reports
 * and what transparent page sharing looks up. Contents are 64-bit hashes (equal hashes are taken as equal
 * contents); {@link Columns#NULL} marks a page whose content is unknown, which shares with nothing.
 *
 * <p>Per page it keeps eight bytes of content and one of flags. Per salt group an index maps each content to
 * its holders ({@link ContentSlots}): a content held by one page alone, the common case, is an entry that
 * names that page; a content held by several is a {@link ContentRecords record} with its copies per VM and
 * the scanner's hint. The sharing potential's sums are counters kept as holders come and go: per VM its
 * known pages, zero pages, distinct non-zero contents, and those contents by the number k of VMs of its
 * group holding them, so that the sum of 1/k costs O(group size) to read.
 *
 * <p>Writes mostly hit the same hot pages again, so a new content is only noted at first ({@link #set});
 * the index takes in the noted pages, each once, when anything reads it, and when
 * {@value #DIRTY_LIMIT} pages have waited.
 */
public final class ContentIndex {

  /** Pages whose new content waits in {@link #noted} before the index takes them in. */
  static final int DIRTY_LIMIT = 1 << 16;
  private static final byte DIRTY = 1;
  /** The scanner left a hint at this page, which holds its content alone in its group. */
  private static final byte HINTED = 2;
  private static final int MAX_VM_SLOTS = 1 << 16;

  private final int[] groupOfVm;
  private final int[] indexInGroup;
  private final int[][] vmsOfGroup;
  private final ContentSlots[] slots;
  private final ContentRecords records = new ContentRecords();
  /** Per VM, the content each page is indexed under. */
  private final PagedLongs[] counted;
  private final PagedBytes[] flags;
  /** Pages with a content not yet indexed, {@code vm << 32 | page}, to their new content. */
  private final LongLongHashMap noted = new LongLongHashMap(DIRTY_LIMIT);
  private long[] notedOrder = new long[1 << 10];
  private int notedCount;

  // the sharing potential's counters, per VM
  private final long[] known;
  private final long[] zeroCopies;
  private final long[] distinctNonZero;
  /** Non-zero contents of a VM by the number of VMs of its group holding them (index 1 .. group size). */
  private final long[][] nonZeroByHolders;

  /** @param groupOfVm the salt group of each VM slot, see {@link SaltGroups#assign} */
  public ContentIndex(int[] groupOfVm) {
    int vms = groupOfVm.length;
    if (vms > MAX_VM_SLOTS) {
      throw new IllegalArgumentException("at most " + MAX_VM_SLOTS + " VMs, not " + vms);
    }
    this.groupOfVm = groupOfVm.clone();
    int groups = Arrays.stream(groupOfVm).max().orElse(-1) + 1;
    vmsOfGroup = new int[groups][];
    slots = new ContentSlots[groups];
    indexInGroup = new int[vms];
    for (int g = 0; g < groups; g++) {
      int group = g;
      vmsOfGroup[g] = IntStream.range(0, vms).filter(v -> groupOfVm[v] == group).toArray();
      for (int i = 0; i < vmsOfGroup[g].length; i++) {
        indexInGroup[vmsOfGroup[g][i]] = i;
      }
      slots[g] = new ContentSlots(payload -> hashOf(group, payload));
    }
    counted = new PagedLongs[vms];
    flags = new PagedBytes[vms];
    known = new long[vms];
    zeroCopies = new long[vms];
    distinctNonZero = new long[vms];
    nonZeroByHolders = new long[vms][];
    for (int v = 0; v < vms; v++) {
      counted[v] = new PagedLongs(Columns.NULL);
      flags[v] = new PagedBytes();
      nonZeroByHolders[v] = new long[vmsOfGroup[groupOfVm[v]].length + 1];
    }
  }

  /** The VM slots of each salt group. */
  public int[][] vmsOfGroup() {
    return vmsOfGroup.clone();
  }

  /**
   * Page {@code page} of VM slot {@code vm} now holds {@code hash} ({@link Columns#NULL}: unknown).
   *
   * @return whether that is another content than the page held
   */
  public boolean set(int vm, int page, long hash) {
    PagedBytes pageFlags = flags[vm];
    if (page >= pageFlags.capacity()) {
      pageFlags.ensure(page + 1);
      counted[vm].ensure(page + 1);
    }
    long key = (long) vm << 32 | page;
    if (pageFlags.has(page, DIRTY)) {
      if (noted.get(key, Columns.NULL) == hash) {
        return false;
      }
      noted.put(key, hash);
      return true;
    }
    if (counted[vm].get(page) == hash) {
      return false;
    }
    pageFlags.put(page, DIRTY, true);
    noted.put(key, hash);
    if (notedCount == notedOrder.length) {
      notedOrder = Arrays.copyOf(notedOrder, notedCount * 2);
    }
    notedOrder[notedCount++] = key;
    if (notedCount >= DIRTY_LIMIT) {
      settle();
    }
    return true;
  }

  /** The content recorded for a page. */
  public long contentOf(int vm, int page) {
    PagedBytes pageFlags = flags[vm];
    if (page >= pageFlags.capacity()) {
      return Columns.NULL;
    }
    if (pageFlags.has(page, DIRTY)) {
      return noted.get((long) vm << 32 | page, Columns.NULL);
    }
    return counted[vm].get(page);
  }

  /** The sharing potential of VM slot {@code vm} as things stand. */
  public SharingPotential potential(int vm) {
    settle();
    long zero = zeroCopies[vm];
    long nonZeroKnown = known[vm] - zero;
    long nonZeroDistinct = distinctNonZero[vm];
    double nonZeroCharged = 0;
    long[] byHolders = nonZeroByHolders[vm];
    for (int k = 1; k < byHolders.length; k++) {
      nonZeroCharged += (double) byHolders[k] / k;
    }
    double zeroCharged = zero > 0 ? 1.0 / holders(groupOfVm[vm], ContentHashes.ZERO) : 0;
    return new SharingPotential(known[vm], zero, nonZeroKnown - nonZeroDistinct, nonZeroDistinct - nonZeroCharged,
        (nonZeroKnown - nonZeroCharged) + (zero - zeroCharged));
  }

  // ---- hints of the sharing scanner ----

  /**
   * The page the scanner last left a hint at for the content of {@code page} of VM slot {@code vm} in its
   * salt group, as {@code vm << 32 | page}, or -1. A hint is not trusted: its page may since hold another
   * content or state, which the caller checks.
   */
  public long hint(int vm, int page) {
    settle();
    ContentSlots group = slots[groupOfVm[vm]];
    int at = group.find(counted[vm].get(page));
    if (at < 0) {
      return ContentRecords.NO_HINT;
    }
    int payload = group.payloadAt(at);
    if (payload < 0) {
      return records.hint[recordOf(payload)];
    }
    int holderVm = holderVm(groupOfVm[vm], payload);
    int holderPage = holderPage(groupOfVm[vm], payload);
    return flags[holderVm].has(holderPage, HINTED) ? (long) holderVm << 32 | holderPage : ContentRecords.NO_HINT;
  }

  /** Leaves the hint of the content of {@code page} of VM slot {@code vm} at that page. */
  public void putHint(int vm, int page) {
    setHint(vm, page, (long) vm << 32 | page);
  }

  /** Drops the hint of the content of {@code page} of VM slot {@code vm}. */
  public void dropHint(int vm, int page) {
    setHint(vm, page, ContentRecords.NO_HINT);
  }

  private void setHint(int vm, int page, long hinted) {
    settle();
    int group = groupOfVm[vm];
    int at = slots[group].find(counted[vm].get(page));
    if (at < 0) {
      return;
    }
    int payload = slots[group].payloadAt(at);
    if (payload < 0) {
      records.hint[recordOf(payload)] = hinted;
    } else {
      flags[holderVm(group, payload)].put(holderPage(group, payload), HINTED, hinted != ContentRecords.NO_HINT);
    }
  }

  // ---- the index ----

  /** Takes every noted page into the index, in the order they were first noted. */
  private void settle() {
    for (int i = 0; i < notedCount; i++) {
      long key = notedOrder[i];
      int vm = (int) (key >>> 32);
      int page = (int) key;
      long now = noted.get(key, Columns.NULL);
      flags[vm].put(page, DIRTY, false);
      long before = counted[vm].get(page);
      if (before != now) {
        uncount(vm, page, before);
        counted[vm].set(page, now);
        // a hint was of the content the page held
        flags[vm].put(page, HINTED, false);
        count(vm, page, now);
      }
    }
    if (notedCount > 0) {
      noted.clear();
      notedCount = 0;
    }
  }

  private void count(int vm, int page, long hash) {
    if (hash == Columns.NULL) {
      return;
    }
    known[vm]++;
    if (hash == ContentHashes.ZERO) {
      zeroCopies[vm]++;
    }
    int group = groupOfVm[vm];
    ContentSlots index = slots[group];
    int at = index.find(hash);
    int holdersBefore;
    int record = -1;
    if (at < 0) {
      int payload = single(group, vm, page);
      if (payload > 0) {
        index.insert(at, hash, payload);
      } else {
        index.insert(at, hash, recordPayload(records.create(hash, vm, 1, ContentRecords.NO_HINT)));
      }
      holdersBefore = 0;
    } else {
      int payload = index.payloadAt(at);
      if (payload > 0) {
        // a second page: the content gets a record, which takes over the first page's hint
        int firstVm = holderVm(group, payload);
        int firstPage = holderPage(group, payload);
        boolean hinted = flags[firstVm].has(firstPage, HINTED);
        flags[firstVm].put(firstPage, HINTED, false);
        payload = recordPayload(records.create(hash, firstVm, 1,
            hinted ? (long) firstVm << 32 | firstPage : ContentRecords.NO_HINT));
        index.setPayload(at, payload);
      }
      record = recordOf(payload);
      int copies = records.addCopies(record, vm, 1);
      records.pages[record]++;
      if (copies > 1) {
        return;
      }
      holdersBefore = records.holders[record]++;
    }
    if (hash != ContentHashes.ZERO) {
      distinctNonZero[vm]++;
      nonZeroByHolders[vm][holdersBefore + 1]++;
      if (holdersBefore > 0) {
        moveOtherHolders(vm, record, holdersBefore, holdersBefore + 1);
      }
    }
  }

  private void uncount(int vm, int page, long hash) {
    if (hash == Columns.NULL) {
      return;
    }
    known[vm]--;
    if (hash == ContentHashes.ZERO) {
      zeroCopies[vm]--;
    }
    int group = groupOfVm[vm];
    ContentSlots index = slots[group];
    int at = index.find(hash);
    int payload = index.payloadAt(at);
    int holdersBefore;
    int record = -1;
    if (payload > 0) {
      index.remove(at);
      holdersBefore = 1;
    } else {
      record = recordOf(payload);
      int copies = records.addCopies(record, vm, -1);
      if (--records.pages[record] == 0) {
        index.remove(at);
        records.release(record);
      }
      if (copies > 0) {
        return;
      }
      holdersBefore = records.holders[record]--;
    }
    if (hash != ContentHashes.ZERO) {
      distinctNonZero[vm]--;
      nonZeroByHolders[vm][holdersBefore]--;
      if (holdersBefore > 1) {
        moveOtherHolders(vm, record, holdersBefore, holdersBefore - 1);
      }
    }
  }

  /** The other VMs of {@code vm}'s group holding the content of {@code record} now see it held by {@code to} VMs, not {@code from}. */
  private void moveOtherHolders(int vm, int record, int from, int to) {
    for (int other : vmsOfGroup[groupOfVm[vm]]) {
      if (other != vm && records.copiesOf(record, other) > 0) {
        nonZeroByHolders[other][from]--;
        nonZeroByHolders[other][to]++;
      }
    }
  }

  /** VMs of {@code group} holding {@code hash}. */
  private int holders(int group, long hash) {
    int at = slots[group].find(hash);
    if (at < 0) {
      return 0;
    }
    int payload = slots[group].payloadAt(at);
    return payload > 0 ? 1 : records.holders[recordOf(payload)];
  }

  // ---- payloads: a page alone, or a record ----

  /** The payload naming page {@code page} of VM slot {@code vm} as sole holder, or 0 when it does not fit an int. */
  private int single(int group, int vm, int page) {
    long payload = 1 + (long) page * vmsOfGroup[group].length + indexInGroup[vm];
    return payload <= Integer.MAX_VALUE ? (int) payload : 0;
  }

  private int holderVm(int group, int payload) {
    return vmsOfGroup[group][(payload - 1) % vmsOfGroup[group].length];
  }

  private int holderPage(int group, int payload) {
    return (payload - 1) / vmsOfGroup[group].length;
  }

  private static int recordPayload(int record) {
    return -1 - record;
  }

  private static int recordOf(int payload) {
    return -1 - payload;
  }

  private long hashOf(int group, int payload) {
    return payload > 0 ? counted[holderVm(group, payload)].get(holderPage(group, payload)) : records.hash[recordOf(payload)];
  }
}
