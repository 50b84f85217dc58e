package io.memreplay.analytics.results;

import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;
import io.memreplay.engine.model.Tables;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/** Rows written by hand as records, turned into the engine rows a run output takes: every field a column. */
public final class EngineRows {

  private EngineRows() {}

  public static Row of(SpecificRecord record) {
    Schema schema = record.getSchema();
    Table table = tableOf(schema);
    RowLayout layout = new Tables().layout(table);
    for (Schema.Field field : schema.getFields()) {
      layout.column(field.name());
    }
    Row row = layout.newRow();
    for (Schema.Field field : schema.getFields()) {
      Object value = record.get(field.pos());
      if (value instanceof Long number) {
        row.set(field.pos(), (long) number);
      } else if (value instanceof Integer number) {
        row.set(field.pos(), (int) number);
      } else if (value instanceof Double number) {
        row.set(field.pos(), (double) number);
      } else if (value instanceof Boolean flag) {
        row.set(field.pos(), (boolean) flag);
      } else if (value != null) {
        row.set(field.pos(), value.toString());
      }
    }
    return row;
  }

  private static Table tableOf(Schema schema) {
    for (ResultTable result : ResultTable.values()) {
      if (result.schema().getFullName().equals(schema.getFullName())) {
        for (Table table : Table.values()) {
          if (table.tableName().equals(result.folder())) {
            return table;
          }
        }
      }
    }
    throw new IllegalArgumentException("no engine table has rows of " + schema.getFullName());
  }
}
