package io.memreplay.engine.workingset;

import io.memreplay.engine.primitives.IntArrays;
import io.memreplay.engine.primitives.LongIntHashMap;
import java.util.Arrays;

/**
 * An LRU stack of int keys (dense page indices) that answers, for each reference, the key's stack
 * distance: how many distinct other keys were referenced since its previous reference. A reference with
 * distance d hits in every LRU memory of more than d pages, so one pass over a trace gives the miss
 * ratio at every memory size (Mattson et al., 1970).
 *
 * <p>Distances are counted as Olken (1981) does, in O(log n): every key in the stack holds the stamp of
 * its last reference, a Fenwick tree counts live stamps, and the distance of a key is the number of
 * live stamps after its own. Stamps come from a clock that only moves on; when it reaches the tree's
 * capacity the live stamps are renumbered from 0 in order, which costs O(capacity) once per
 * capacity / 2 stamps, so O(1) per reference on average.
 *
 * <p>The few most recent keys live in front of the tree, in a small move-to-front array: program traces
 * come back to the same handful of pages (code, stack, the current data) most of the time, and such a
 * reference then costs a short scan instead of three tree walks. Every key in front is more recent than
 * every key in the tree, so a key that falls off the front's end enters the tree with the newest stamp,
 * and the distance of a key in the tree is the front's size plus the tree's count after it.
 *
 * <p>Primitive arrays only; nothing is allocated per reference. Not thread-safe.
 */
final class LruStack {

  /** The distance of a key's first reference (or first after {@link #remove}): infinite. */
  static final int COLD = -1;

  /** Keys in the move-to-front array: enough to hold a program's hot pages, short enough to scan. */
  static final int FRONT = 16;

  private static final int ABSENT = -1;
  private static final int IN_FRONT = -2;
  private static final int MIN_CAPACITY = 1 << 10;

  /** Keys below this keep their stamps in an array even when keys are sparse: 256 KB at most. */
  private static final int DENSE_KEYS = 1 << 16;

  /** Per key: its stamp in the tree, {@link #IN_FRONT} or {@link #ABSENT}. */
  private int[] stamps = IntArrays.filled(1 << 10, ABSENT);
  /**
   * The stamps of keys from {@link #DENSE_KEYS} on, for a stack of few keys out of many (a sample of pages):
   * only keys in the stack take room. Null when keys are dense.
   */
  private final LongIntHashMap sparseStamps;
  /** front[0] is the most recent key; unused slots hold {@link #ABSENT}, which no key equals. */
  private final int[] front = IntArrays.filled(FRONT, ABSENT);
  private int frontSize;

  /** Fenwick tree over stamps 0..capacity-1, 1-based: tree[i] counts live stamps in (i - lowbit(i), i]. */
  private int[] tree = new int[MIN_CAPACITY + 1];
  /** Per stamp: the key that holds it, or {@link #ABSENT}. */
  private int[] keyAt = IntArrays.filled(MIN_CAPACITY, ABSENT);
  private int clock;
  private int inTree;

  /**
   * @param sparseKeys the stack holds few of the keys it may see (a sample of pages), so it keeps their
   *     stamps in a map rather than in an array as long as the largest key
   */
  LruStack(boolean sparseKeys) {
    sparseStamps = sparseKeys ? new LongIntHashMap(1 << 10) : null;
  }

  private int stampOf(int key) {
    if (key < stamps.length) {
      return stamps[key];
    }
    return sparseStamps != null && key >= DENSE_KEYS ? sparseStamps.get(key, ABSENT) : ABSENT;
  }

  private void setStamp(int key, int stamp) {
    if (sparseStamps != null && key >= DENSE_KEYS) {
      if (stamp == ABSENT) {
        sparseStamps.remove(key, ABSENT);
      } else {
        sparseStamps.put(key, stamp);
      }
      return;
    }
    if (key >= stamps.length) {
      stamps = IntArrays.grownToHold(stamps, key, ABSENT);
    }
    stamps[key] = stamp;
  }

  /**
   * References {@code key} (≥ 0): returns its stack distance, or {@link #COLD} when it is not in the
   * stack; afterwards it is the most recent key.
   */
  int reference(int key) {
    if (front[0] == key) {
      return 0;
    }
    int stamp = stampOf(key);
    if (stamp == IN_FRONT) {
      return moveToFront(key);
    }
    int distance = COLD;
    if (stamp != ABSENT) {
      distance = frontSize + inTree - prefix(stamp);
      takeFromTree(stamp);
    }
    pushFront(key);
    return distance;
  }

  /**
   * Takes {@code key} out of the stack, as if it had never been referenced; returns its stack position
   * before (0 for the most recent), or {@link #COLD} when it was not in the stack.
   */
  int remove(int key) {
    int stamp = stampOf(key);
    if (stamp == ABSENT) {
      return COLD;
    }
    setStamp(key, ABSENT);
    if (stamp != IN_FRONT) {
      int position = frontSize + inTree - prefix(stamp);
      takeFromTree(stamp);
      return position;
    }
    int position = positionInFront(key);
    System.arraycopy(front, position + 1, front, position, frontSize - position - 1);
    frontSize--;
    front[frontSize] = ABSENT;
    return position;
  }

  /** Keys in the stack. */
  int size() {
    return frontSize + inTree;
  }

  /** Stamps the tree has room for: what its memory is, whatever the number of references. */
  int stampCapacity() {
    return keyAt.length;
  }

  private int moveToFront(int key) {
    int position = positionInFront(key);
    for (int i = position; i > 0; i--) {
      front[i] = front[i - 1];
    }
    front[0] = key;
    return position;
  }

  private int positionInFront(int key) {
    int position = 0;
    while (front[position] != key) {
      position++;
    }
    return position;
  }

  private void pushFront(int key) {
    if (frontSize == FRONT) {
      putInTree(front[FRONT - 1]);
    } else {
      frontSize++;
    }
    for (int i = frontSize - 1; i > 0; i--) {
      front[i] = front[i - 1];
    }
    front[0] = key;
    setStamp(key, IN_FRONT);
  }

  /** {@code key} leaves the front: it is more recent than every key in the tree, so it takes the newest stamp. */
  private void putInTree(int key) {
    if (clock == keyAt.length) {
      renumber();
    }
    int stamp = clock++;
    keyAt[stamp] = key;
    setStamp(key, stamp);
    for (int i = stamp + 1; i < tree.length; i += i & -i) {
      tree[i]++;
    }
    inTree++;
  }

  private void takeFromTree(int stamp) {
    keyAt[stamp] = ABSENT;
    for (int i = stamp + 1; i < tree.length; i += i & -i) {
      tree[i]--;
    }
    inTree--;
  }

  /** Live stamps at or before {@code stamp}. */
  private int prefix(int stamp) {
    int count = 0;
    for (int i = stamp + 1; i > 0; i &= i - 1) {
      count += tree[i];
    }
    return count;
  }

  /**
   * Gives the live stamps the numbers 0, 1, ... in their order, doubling the capacity first when more
   * than half of it is live, and rebuilds the tree in linear time. At the same capacity both arrays are
   * reused: a live stamp only ever moves down, so the keys compact in place.
   */
  private void renumber() {
    int capacity = keyAt.length;
    while (inTree > capacity / 2) {
      capacity *= 2;
    }
    int[] keys = capacity == keyAt.length ? keyAt : IntArrays.filled(capacity, ABSENT);
    int live = 0;
    for (int stamp = 0; stamp < clock; stamp++) {
      int key = keyAt[stamp];
      if (key != ABSENT) {
        keys[live] = key;
        setStamp(key, live);
        live++;
      }
    }
    Arrays.fill(keys, live, capacity, ABSENT);
    int[] counts = capacity + 1 == tree.length ? tree : new int[capacity + 1];
    Arrays.fill(counts, 0);
    for (int i = 1; i <= capacity; i++) {
      if (i <= live) {
        counts[i]++;
      }
      int parent = i + (i & -i);
      if (parent <= capacity) {
        counts[parent] += counts[i];
      }
    }
    keyAt = keys;
    tree = counts;
    clock = live;
  }
}
