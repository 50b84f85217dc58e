package io.memreplay.engine.model;

import java.util.Arrays;

/**
 * One result row as the engine computes it: a value (or null) per column of its {@link RowLayout}. Values
 * are boxed; rows are written at interval ends, so their cost does not grow with the trace's events.
 */
public final class Row {

  private final RowLayout layout;
  private final Object[] values;

  Row(RowLayout layout) {
    this.layout = layout;
    this.values = new Object[layout.size()];
  }

  public RowLayout layout() {
    return layout;
  }

  public Table table() {
    return layout.table();
  }

  public Row set(int column, long value) {
    values[column] = value;
    return this;
  }

  public Row set(int column, int value) {
    values[column] = value;
    return this;
  }

  public Row set(int column, double value) {
    values[column] = value;
    return this;
  }

  public Row set(int column, boolean value) {
    values[column] = value;
    return this;
  }

  public Row set(int column, String value) {
    values[column] = value;
    return this;
  }

  /** Sets a nullable long column: {@code null} where the value does not exist (e.g. no limit). */
  public Row setNullable(int column, Long value) {
    values[column] = value;
    return this;
  }

  /** The value of column {@code column}, boxed; null when unset. */
  public Object get(int column) {
    return values[column];
  }

  /** The value of column {@code name}, boxed; null when unset. */
  public Object get(String name) {
    return values[layout.position(name)];
  }

  /** A copy that later changes to this row do not touch. */
  public Row copy() {
    Row copy = new Row(layout);
    System.arraycopy(values, 0, copy.values, 0, values.length);
    return copy;
  }

  /** Every value back to null, so the row can be filled again. */
  public void clear() {
    Arrays.fill(values, null);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(layout.table().tableName()).append('{');
    for (int i = 0; i < values.length; i++) {
      text.append(i == 0 ? "" : ", ").append(layout.names().get(i)).append('=').append(values[i]);
    }
    return text.append('}').toString();
  }
}
