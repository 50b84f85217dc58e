package io.memreplay.engine.workingset;

import java.util.Arrays;

/** A binary max-heap of (hash, key) pairs by hash, in two primitive arrays: the sample of {@link ShardsMrc}. */
final class MaxHashHeap {

  private long[] hashes = new long[64];
  private int[] keys = new int[64];
  private int size;

  int size() {
    return size;
  }

  void push(long hash, int key) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (hashes[parent] >= hash) {
        break;
      }
      hashes[i] = hashes[parent];
      keys[i] = keys[parent];
      i = parent;
    }
    hashes[i] = hash;
    keys[i] = key;
  }

  /** The largest hash; the heap is not empty. */
  long topHash() {
    return hashes[0];
  }

  /** Removes the pair with the largest hash and returns its key; the heap is not empty. */
  int pop() {
    int top = keys[0];
    size--;
    long hash = hashes[size];
    int key = keys[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && hashes[child + 1] > hashes[child]) {
        child++;
      }
      if (hashes[child] <= hash) {
        break;
      }
      hashes[i] = hashes[child];
      keys[i] = keys[child];
      i = child;
    }
    hashes[i] = hash;
    keys[i] = key;
    return top;
  }
}
