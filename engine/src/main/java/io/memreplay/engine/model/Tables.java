package io.memreplay.engine.model;

import java.util.EnumMap;
import java.util.Map;

/** The layouts of every result table of one run, filled in as the run's models declare their columns. */
public final class Tables {

  private final Map<Table, RowLayout> layouts = new EnumMap<>(Table.class);

  public Tables() {
    for (Table table : Table.values()) {
      layouts.put(table, new RowLayout(table));
    }
  }

  public RowLayout layout(Table table) {
    return layouts.get(table);
  }
}
