package io.memreplay.engine.primitives;

/**
 * A map from long keys to int values: pages to indices, contents to counts. Open addressing with linear
 * probing in one interleaved array (see {@link LongKeyTable}); any long is a valid key. Not thread-safe.
 */
public final class LongIntHashMap {

  private final LongKeyTable table;

  public LongIntHashMap() {
    this(16);
  }

  public LongIntHashMap(int expectedEntries) {
    table = new LongKeyTable(expectedEntries);
  }

  public int size() {
    return table.size();
  }

  public boolean isEmpty() {
    return table.isEmpty();
  }

  /** The value of {@code key}, or {@code missing} when absent. */
  public int get(long key, int missing) {
    return (int) table.get(key, missing);
  }

  public boolean containsKey(long key) {
    return table.containsKey(key);
  }

  /** Sets {@code key} to {@code value}. */
  public void put(long key, int value) {
    table.put(key, value);
  }

  /**
   * The value of {@code key}; when absent, first maps it to {@code valueIfAbsent}. The common "index of
   * this page, assigning the next index to a new page" in one probe sequence.
   */
  public int putIfAbsent(long key, int valueIfAbsent) {
    return (int) table.putIfAbsent(key, valueIfAbsent);
  }

  /** Adds {@code delta} to the value of {@code key} (absent counts as 0) and returns the new value. */
  public int addTo(long key, int delta) {
    return (int) table.addTo(key, delta);
  }

  /** Removes {@code key}; returns its value, or {@code missing} when it was absent. */
  public int remove(long key, int missing) {
    return (int) table.remove(key, missing);
  }

  public void clear() {
    table.clear();
  }

  /** Calls {@code visitor} for every entry, in no particular order. */
  public void forEach(EntryVisitor visitor) {
    table.forEach((key, value) -> visitor.visit(key, (int) value));
  }

  /** Receives the entries of a map. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(long key, int value);
  }
}
