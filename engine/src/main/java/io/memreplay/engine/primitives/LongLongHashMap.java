package io.memreplay.engine.primitives;

/**
 * A map from long keys to long values: virtual pages to physical pages, table identities to table pages.
 * Open addressing with linear probing in one interleaved array (see {@link LongKeyTable}); any long is a
 * valid key. Not thread-safe.
 */
public final class LongLongHashMap {

  private final LongKeyTable table;

  public LongLongHashMap() {
    this(16);
  }

  public LongLongHashMap(int expectedEntries) {
    table = new LongKeyTable(expectedEntries);
  }

  public int size() {
    return table.size();
  }

  /** The value of {@code key}, or {@code missing} when absent. */
  public long get(long key, long missing) {
    return table.get(key, missing);
  }

  public boolean containsKey(long key) {
    return table.containsKey(key);
  }

  public void put(long key, long value) {
    table.put(key, value);
  }

  /** The value of {@code key}; when absent, first maps it to {@code valueIfAbsent}. */
  public long putIfAbsent(long key, long valueIfAbsent) {
    return table.putIfAbsent(key, valueIfAbsent);
  }

  /** Removes {@code key}; returns its value, or {@code missing} when it was absent. */
  public long remove(long key, long missing) {
    return table.remove(key, missing);
  }

  public void clear() {
    table.clear();
  }

  /** Calls {@code visitor} for every entry, in no particular order. */
  public void forEach(EntryVisitor visitor) {
    table.forEach(visitor);
  }

  /** Receives the entries of a map. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(long key, long value);
  }
}
