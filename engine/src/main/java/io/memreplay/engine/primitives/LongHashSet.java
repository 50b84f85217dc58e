package io.memreplay.engine.primitives;

/** A set of longs: distinct pages, distinct regions. A thin face on {@link LongIntHashMap}. */
public final class LongHashSet {

  private final LongIntHashMap map;

  public LongHashSet() {
    this(16);
  }

  public LongHashSet(int expectedEntries) {
    map = new LongIntHashMap(expectedEntries);
  }

  /** Adds {@code value}; true when it was not yet present. */
  public boolean add(long value) {
    int before = map.size();
    map.putIfAbsent(value, 0);
    return map.size() != before;
  }

  public boolean contains(long value) {
    return map.containsKey(value);
  }

  public boolean remove(long value) {
    return map.remove(value, -1) != -1;
  }

  public int size() {
    return map.size();
  }

  public void clear() {
    map.clear();
  }
}
