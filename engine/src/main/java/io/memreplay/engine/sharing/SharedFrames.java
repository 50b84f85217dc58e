package io.memreplay.engine.sharing;

import io.memreplay.engine.primitives.Hashing;
import io.memreplay.engine.primitives.LongIntHashMap;
import io.memreplay.engine.primitives.LongLongHashMap;
import java.util.Arrays;

/**
 * The host's page-sharing table (W02 §4.2): shared frames and hints, both found by the share key (salt
 * group, content hash). A shared frame is one host frame mapped copy-on-write by every page holding its
 * content, with a reference count; a hint remembers one unshared page seen with a content, so that the next
 * page seen with it can share with that page. A hint is not trusted: its page may have been written since,
 * so the caller checks the page still holds the content before sharing with it (ESX rehashes it).
 *
 * <p>Frames are numbered densely and reused once their last page leaves; all state is primitive arrays.
 */
public final class SharedFrames {

  private static final int NONE = -1;
  private static final long NO_HINT = -1;

  private final LongIntHashMap frameByKey = new LongIntHashMap(1 << 12);
  private final LongLongHashMap hintByKey = new LongLongHashMap(1 << 12);
  private long[] hashes = new long[1 << 10];
  private int[] groups = new int[1 << 10];
  private int[] references = new int[1 << 10];
  private int[] freeFrames = new int[1 << 6];
  private int freeCount;
  private int frameCount;
  private int liveFrames;

  /** The shared frame holding {@code hash} for salt group {@code group}, or -1. */
  public int frameOf(int group, long hash) {
    int frame = frameByKey.get(key(group, hash), NONE);
    // two (group, hash) pairs may mix to one key: only an exact match shares
    return frame != NONE && hashes[frame] == hash && groups[frame] == group ? frame : NONE;
  }

  /** A new shared frame for {@code hash} in {@code group}, with no references yet. */
  public int newFrame(int group, long hash) {
    int frame = freeCount > 0 ? freeFrames[--freeCount] : frameCount++;
    if (frame == hashes.length) {
      hashes = Arrays.copyOf(hashes, frame * 2);
      groups = Arrays.copyOf(groups, frame * 2);
      references = Arrays.copyOf(references, frame * 2);
    }
    hashes[frame] = hash;
    groups[frame] = group;
    references[frame] = 0;
    frameByKey.put(key(group, hash), frame);
    liveFrames++;
    return frame;
  }

  /** One more page maps {@code frame}. */
  public void reference(int frame) {
    references[frame]++;
  }

  /**
   * One page fewer maps {@code frame}.
   *
   * @return true when that was the last page: the frame is gone and its host memory free
   */
  public boolean release(int frame) {
    if (--references[frame] > 0) {
      return false;
    }
    long key = key(groups[frame], hashes[frame]);
    if (frameByKey.get(key, NONE) == frame) {
      frameByKey.remove(key, NONE);
    }
    if (freeCount == freeFrames.length) {
      freeFrames = Arrays.copyOf(freeFrames, freeCount * 2);
    }
    freeFrames[freeCount++] = frame;
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

  /** The page last hinted with (group, hash), as {@code vm << 32 | page}, or -1. */
  public long hint(int group, long hash) {
    return hintByKey.get(key(group, hash), NO_HINT);
  }

  /** Page {@code page} of VM slot {@code vm} was seen holding {@code hash} and shares with no one yet. */
  public void putHint(int group, long hash, int vm, int page) {
    hintByKey.put(key(group, hash), (long) vm << 32 | page);
  }

  public void dropHint(int group, long hash) {
    hintByKey.remove(key(group, hash), NO_HINT);
  }

  private static long key(int group, long hash) {
    return Hashing.mix(hash + 0x9E3779B97F4A7C15L * (group + 1L));
  }
}
