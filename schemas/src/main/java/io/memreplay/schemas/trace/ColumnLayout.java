package io.memreplay.schemas.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;

/** The columns of a record kind, in Avro field order, with their column types and enum symbols. */
public final class ColumnLayout {

  /** One column: its name, how it is held, and for enums the symbols in ordinal order. */
  public record Column(int index, String name, ColumnType type, List<String> symbols) {
    /** The ordinal of an enum symbol, or -1 when the symbol is unknown. */
    public int ordinalOf(String symbol) {
      return symbols.indexOf(symbol);
    }
  }

  private final Schema schema;
  private final List<Column> columns;
  private final List<Column> enums;

  ColumnLayout(Schema schema) {
    this.schema = schema;
    List<Column> list = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      ColumnType type = ColumnType.of(field);
      List<String> symbols = type == ColumnType.ENUM ? List.copyOf(field.schema().getEnumSymbols()) : List.of();
      list.add(new Column(field.pos(), field.name(), type, symbols));
    }
    this.columns = Collections.unmodifiableList(list);
    this.enums = list.stream().filter(column -> column.type() == ColumnType.ENUM).toList();
  }

  public Schema schema() {
    return schema;
  }

  public List<Column> columns() {
    return columns;
  }

  /** The enum columns, in field order. */
  public List<Column> enums() {
    return enums;
  }

  public Column column(String name) {
    for (Column column : columns) {
      if (column.name().equals(name)) {
        return column;
      }
    }
    throw new IllegalArgumentException(schema.getName() + " has no column " + name);
  }

  Object[] newArrays(int capacity) {
    Object[] arrays = new Object[columns.size()];
    for (Column column : columns) {
      arrays[column.index()] = column.type().newArray(capacity);
    }
    return arrays;
  }
}
