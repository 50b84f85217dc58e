package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.LongLongHashMap;
import io.memreplay.engine.primitives.PagedBytes;
import io.memreplay.engine.primitives.PagedLongs;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.Arrays;

/**
 * The content of every known page of every VM, indexed by salt group: what {@link SharingPotential} reports
 * and what transparent page sharing looks up. Contents are 64-bit hashes (equal hashes are taken as equal
 * contents); {@link Columns#NULL} marks a page whose content is unknown, which shares with nothing.
 *
 * <p>Per page it keeps eight bytes of content and one of flags (and the measured size the content
 * compresses to, in {@value #COMPRESSED_UNIT}-byte units). Per salt group an index maps each content to
 * its holders ({@link ContentSlots}): a content held by one page alone, the common case, is an entry that
 * names that page; a content held by several is a {@link ContentRecords record} with its copies per VM and
 * the scanner's hint. The sharing potential's sums are counters kept as holders come and go: per VM its
 * known pages, zero pages, distinct non-zero contents, and those contents by the number k of VMs of its
 * group holding them, so that the sum of 1/k costs O(group size) to read.
 *
 * <p>Writes mostly hit the same hot pages again, so a write's new content is only noted at first ({@link
 * #set}); the index takes in the noted pages, each once, when the potential is read (at interval ends) or
 * {@value #DIRTY_LIMIT} pages have waited, and a single page when sharing looks it up ({@link
 * #settle(int, int)}). Snapshots go in at once ({@link #snapshot}).
 */
public final class ContentIndex {

  /**
   * Pages whose new content waits in {@link #noted} before the index takes them in: few enough that the
   * waiting room stays in the processor's second-level cache.
   */
  static final int DIRTY_LIMIT = 1 << 12;
  private static final byte DIRTY = 1;
  /** The scanner left a hint at this page, which holds its content alone in its group. */
  private static final byte HINTED = 2;
  /**
   * The rest of a page's flag byte: the size its content compresses to, as the trace measured it, in units
   * of {@link #COMPRESSED_UNIT} bytes rounded up, 0 when not measured; a new content clears it.
   */
  private static final int UNITS_SHIFT = 2;
  private static final int UNITS_MASK = 0x1F << UNITS_SHIFT;
  /** Measured compressed sizes are kept to this many bytes, rounded up. */
  public static final int COMPRESSED_UNIT = 256;
  private static final int MAX_VM_SLOTS = 1 << 16;
  /** Passed to {@link #setHint}: read the hint, leave it as it is. */
  private static final long KEEP_HINT = -2;

  private final int[] groupOfVm;
  private final int[] indexInGroup;
  private final int[][] vmsOfGroup;
  /**
   * Per group, the bits a single holder's payload gives its VM's index in the group: payloads are read to find
   * hashes on every search, so a shift and a mask take them apart rather than a division.
   */
  private final int[] vmBitsOfGroup;
  private final ContentSlots[] slots;
  private final ContentRecords[] records;
  /** Per VM, the content each page is indexed under. */
  private final PagedLongs[] counted;
  private final PagedBytes[] flags;
  /** Pages with a content not yet indexed, {@code vm << 32 | page}, to their new content. */
  private final LongLongHashMap noted = new LongLongHashMap(1 << 10);
  private long[] notedOrder = new long[1 << 10];
  private int notedCount;
  /** Pages {@link #settle} takes in at a time, their contents read ahead. */
  private static final int SETTLE_BATCH = 64;
  private final boolean[] settledDirty = new boolean[SETTLE_BATCH];
  private final long[] settledNow = new long[SETTLE_BATCH];
  private final long[] settledBefore = new long[SETTLE_BATCH];
  /** What was read ahead; kept so that the reads are not optimised away. */
  private long warmed;

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
    vmsOfGroup = SaltGroups.members(groupOfVm);
    indexInGroup = SaltGroups.indexInGroup(vmsOfGroup);
    int groups = vmsOfGroup.length;
    slots = new ContentSlots[groups];
    records = new ContentRecords[groups];
    vmBitsOfGroup = new int[groups];
    for (int g = 0; g < groups; g++) {
      int group = g;
      slots[g] = new ContentSlots(payload -> hashOf(group, payload));
      records[g] = new ContentRecords(vmsOfGroup[g].length);
      vmBitsOfGroup[g] = 32 - Integer.numberOfLeadingZeros(Math.max(0, vmsOfGroup[g].length - 1));
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

  /**
   * A snapshot says page {@code page} of VM slot {@code vm} holds {@code hash}: unlike a write's, its content
   * goes into the index at once (a page snapshotted is rarely snapshotted again soon).
   *
   * @return whether that is another content than the page held
   */
  public boolean snapshot(int vm, int page, long hash, int compressedBytes) {
    PagedBytes pageFlags = flags[vm];
    if (page >= pageFlags.capacity()) {
      pageFlags.ensure(page + 1);
      counted[vm].ensure(page + 1);
    }
    settle(vm, page);
    long before = counted[vm].get(page);
    reindex(vm, page, before, hash);
    if (compressedBytes > 0) {
      int units = Math.min(UNITS_MASK >>> UNITS_SHIFT, (compressedBytes + COMPRESSED_UNIT - 1) / COMPRESSED_UNIT);
      pageFlags.set(page, (byte) ((pageFlags.get(page) & ~UNITS_MASK) | units << UNITS_SHIFT));
    }
    return before != hash;
  }

  /**
   * The size the content of {@code page} compresses to, as the trace measured it, rounded up to {@value
   * #COMPRESSED_UNIT} bytes; -1 when it was not measured, or the page was written since.
   */
  public int measuredCompressedBytes(int vm, int page) {
    PagedBytes pageFlags = flags[vm];
    if (page >= pageFlags.capacity() || pageFlags.has(page, DIRTY)) {
      return -1;
    }
    int units = (pageFlags.get(page) & UNITS_MASK) >>> UNITS_SHIFT;
    return units == 0 ? -1 : units * COMPRESSED_UNIT;
  }

  /**
   * Reads, without changing anything, where the index keeps the contents a stretch of snapshots is about
   * to add: the reads of different snapshots do not depend on each other, so the processor overlaps their
   * cache misses here rather than stalling on each in turn.
   *
   * @return a value that depends on every read, so that they are not optimised away
   */
  public long prefetch(int[] vm, long[] hash, int from, int to) {
    long sum = 0;
    for (int i = from, k = 0; i < to; i++, k++) {
      if (hash[i] != Columns.NULL) {
        sum += slots[groupOfVm[vm[k]]].slotOf(hash[i]);
      }
    }
    return sum;
  }

  /**
   * Reads ahead, changing nothing, where the contents of {@code count} pages of VM slot {@code vm} are
   * indexed, as {@link #prefetch} does for snapshots.
   */
  public long prefetchPages(int vm, int[] pages, int count) {
    long sum = 0;
    PagedLongs contents = counted[vm];
    PagedBytes pageFlags = flags[vm];
    ContentSlots group = slots[groupOfVm[vm]];
    int capacity = Math.min(contents.capacity(), pageFlags.capacity());
    for (int i = 0; i < count; i++) {
      if (pages[i] < capacity) {
        // the flags first: a lookup of the page's content asks them whether a write waits
        sum += pageFlags.get(pages[i]);
        long hash = contents.get(pages[i]);
        if (hash != Columns.NULL) {
          sum += group.slotOf(hash);
        }
      }
    }
    return sum;
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

  // ---- what transparent page sharing looks up ----

  /**
   * The shared frame of the content {@code page} of VM slot {@code vm} holds, or -1. The page's content must
   * be indexed: {@link #settle(int, int)} first, unless the page is shared (a shared page's content changes
   * only after it has left its frame).
   */
  public int frameOf(int vm, int page) {
    int record = recordOf(vm, page);
    return record < 0 ? ContentRecords.NO_FRAME : records[groupOfVm[vm]].frame[record];
  }

  /** The content of {@code page}, held by at least one other page, is shared in {@code frame} (-1: no longer). */
  public void setFrame(int vm, int page, int frame) {
    records[groupOfVm[vm]].frame[recordOf(vm, page)] = frame;
  }

  /**
   * The hint of the content of {@code page} of VM slot {@code vm} in its salt group, which is left at this
   * page from now on: the page the scanner last hinted with this content, as {@code vm << 32 | page}, or -1.
   * A hint is not trusted: its page may since hold another content or state, which the caller checks.
   */
  public long exchangeHint(int vm, int page) {
    return setHint(vm, page, (long) vm << 32 | page);
  }

  /** The hint of the content of {@code page}, or -1, as {@link #exchangeHint} gives it, leaving it in place. */
  public long hint(int vm, int page) {
    return setHint(vm, page, KEEP_HINT);
  }

  /** Drops the hint of the content of {@code page} of VM slot {@code vm}. */
  public void dropHint(int vm, int page) {
    setHint(vm, page, ContentRecords.NO_HINT);
  }

  /** Leaves the hint of the page's content at {@code hinted} (unless {@link #KEEP_HINT}); returns the hint it had. */
  private long setHint(int vm, int page, long hinted) {
    if (page >= counted[vm].capacity()) {
      return ContentRecords.NO_HINT;
    }
    settle(vm, page);
    int group = groupOfVm[vm];
    int at = slots[group].find(counted[vm].get(page));
    if (at < 0) {
      return ContentRecords.NO_HINT;
    }
    int payload = slots[group].payloadAt(at);
    if (payload < 0) {
      int record = recordOf(payload);
      long before = records[group].hint[record];
      if (hinted != KEEP_HINT) {
        records[group].hint[record] = hinted;
      }
      return before;
    }
    // a content held by this page alone: its hint can only be the page itself
    boolean before = flags[vm].has(page, HINTED);
    if (hinted != KEEP_HINT) {
      flags[vm].put(page, HINTED, hinted != ContentRecords.NO_HINT);
    }
    return before ? (long) vm << 32 | page : ContentRecords.NO_HINT;
  }

  /** The record of the content {@code page} is indexed under, or -1 when it holds it alone (or holds none). */
  private int recordOf(int vm, int page) {
    if (page >= counted[vm].capacity()) {
      return -1;
    }
    int group = groupOfVm[vm];
    int at = slots[group].find(counted[vm].get(page));
    if (at < 0) {
      return -1;
    }
    int payload = slots[group].payloadAt(at);
    return payload < 0 ? recordOf(payload) : -1;
  }

  // ---- the index ----

  /**
   * Takes page {@code page} of VM slot {@code vm} into the index if a write noted it. What transparent page
   * sharing looks up of a page needs that page indexed, and no other: a page whose write waits is neither
   * hinted nor shared with its new content, so it changes no answer about this one.
   */
  public void settle(int vm, int page) {
    PagedBytes pageFlags = flags[vm];
    if (page < pageFlags.capacity() && pageFlags.has(page, DIRTY)) {
      long now = noted.remove((long) vm << 32 | page, Columns.NULL);
      pageFlags.put(page, DIRTY, false);
      reindex(vm, page, counted[vm].get(page), now);
      // it stays in the order of noted pages, which skips it: it is no longer dirty
    }
  }

  /**
   * Takes every page noted by {@link #set} into the index, in the order they were first noted, a few dozen
   * at a time: their contents' slots are read ahead first, so that the cache misses of a few dozen overlap.
   */
  public void settle() {
    for (int from = 0; from < notedCount; from += SETTLE_BATCH) {
      int to = Math.min(notedCount, from + SETTLE_BATCH);
      long warm = 0;
      for (int i = from; i < to; i++) {
        long key = notedOrder[i];
        int vm = (int) (key >>> 32);
        // a page settled on its own and written again is in the order twice: only its first entry counts
        boolean dirty = flags[vm].has((int) key, DIRTY);
        if (dirty) {
          flags[vm].put((int) key, DIRTY, false);
        }
        long now = dirty ? noted.remove(key, Columns.NULL) : Columns.NULL;
        long before = counted[vm].get((int) key);
        settledDirty[i - from] = dirty;
        settledNow[i - from] = now;
        settledBefore[i - from] = before;
        ContentSlots group = slots[groupOfVm[vm]];
        if (dirty) {
          warm += (before == Columns.NULL ? 0 : group.slotOf(before)) + (now == Columns.NULL ? 0 : group.slotOf(now));
        }
      }
      warmed += warm;
      for (int i = from; i < to; i++) {
        if (settledDirty[i - from]) {
          long key = notedOrder[i];
          int vm = (int) (key >>> 32);
          reindex(vm, (int) key, settledBefore[i - from], settledNow[i - from]);
        }
      }
    }
    notedCount = 0;
  }

  /** The page's content changes from {@code before} to {@code now} in the index. */
  private void reindex(int vm, int page, long before, long now) {
    if (before != now) {
      uncount(vm, page, before);
      counted[vm].set(page, now);
      // a hint and a measured size were of the content the page held
      flags[vm].set(page, (byte) 0);
      count(vm, page, now);
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
        index.insert(at, hash, recordPayload(records[group].create(hash, indexInGroup[vm], 1, ContentRecords.NO_HINT)));
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
        payload = recordPayload(records[group].create(hash, indexInGroup[firstVm], 1,
            hinted ? (long) firstVm << 32 | firstPage : ContentRecords.NO_HINT));
        index.setPayload(at, payload);
      }
      record = recordOf(payload);
      int copies = records[group].addCopies(record, indexInGroup[vm], 1);
      records[group].pages[record]++;
      if (copies > 1) {
        return;
      }
      holdersBefore = records[group].holders[record]++;
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
      int copies = records[group].addCopies(record, indexInGroup[vm], -1);
      if (--records[group].pages[record] == 0) {
        index.remove(at);
        records[group].release(record);
      }
      if (copies > 0) {
        return;
      }
      holdersBefore = records[group].holders[record]--;
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
    int group = groupOfVm[vm];
    int[] members = vmsOfGroup[group];
    for (int local = 0; local < members.length; local++) {
      int other = members[local];
      if (other != vm && records[group].copiesOf(record, local) > 0) {
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
    return payload > 0 ? 1 : records[group].holders[recordOf(payload)];
  }

  // ---- payloads: a page alone, or a record ----

  /** The payload naming page {@code page} of VM slot {@code vm} as sole holder, or 0 when it does not fit an int. */
  private int single(int group, int vm, int page) {
    long payload = 1 + ((long) page << vmBitsOfGroup[group] | indexInGroup[vm]);
    return payload <= Integer.MAX_VALUE ? (int) payload : 0;
  }

  private int holderVm(int group, int payload) {
    return vmsOfGroup[group][(payload - 1) & ((1 << vmBitsOfGroup[group]) - 1)];
  }

  private int holderPage(int group, int payload) {
    return (payload - 1) >>> vmBitsOfGroup[group];
  }

  private static int recordPayload(int record) {
    return -1 - record;
  }

  private static int recordOf(int payload) {
    return -1 - payload;
  }

  private long hashOf(int group, int payload) {
    return payload > 0 ? counted[holderVm(group, payload)].get(holderPage(group, payload))
        : records[group].hash[recordOf(payload)];
  }
}
