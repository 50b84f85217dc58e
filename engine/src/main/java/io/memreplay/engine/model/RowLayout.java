package io.memreplay.engine.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of one table in one run, in the order they were declared. The replay loop declares the key
 * columns, each model the columns it fills, once, before the first row; a column declared twice is a
 * mistake (two models would write one value) and is refused.
 */
public final class RowLayout {

  private final Table table;
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> positions = new HashMap<>();
  private boolean frozen;

  RowLayout(Table table) {
    this.table = table;
  }

  public Table table() {
    return table;
  }

  /** Declares column {@code name} and returns its position in this layout's rows. */
  public int column(String name) {
    if (frozen) {
      throw new IllegalStateException(table.tableName() + ": column '" + name + "' declared after the first row");
    }
    if (positions.putIfAbsent(name, names.size()) != null) {
      throw new IllegalStateException(table.tableName() + ": column '" + name + "' is declared twice");
    }
    names.add(name);
    return names.size() - 1;
  }

  /** The position of column {@code name}, which must have been declared. */
  public int position(String name) {
    Integer position = positions.get(name);
    if (position == null) {
      throw new IllegalArgumentException(table.tableName() + " has no column '" + name + "'; it has " + names);
    }
    return position;
  }

  public List<String> names() {
    return List.copyOf(names);
  }

  public int size() {
    return names.size();
  }

  /** A new empty row; from now on no column can be added. */
  public Row newRow() {
    frozen = true;
    return new Row(this);
  }
}
