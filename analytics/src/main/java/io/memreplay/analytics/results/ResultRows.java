package io.memreplay.analytics.results;

import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.schemas.results.RecordMapper;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one place engine rows become stored records: each engine {@link Row} to the Avro record of its
 * {@link ResultTable}, column by name. A layout is matched to its schema once, on its first row. Not
 * thread-safe: one per run output.
 */
final class ResultRows {

  private final Map<RowLayout, RecordMapper<SpecificRecord>> mappers = new IdentityHashMap<>();

  /** The result table that stores rows of the engine's {@code table}. */
  static ResultTable tableOf(io.memreplay.engine.model.Table table) {
    for (ResultTable result : ResultTable.values()) {
      if (result.folder().equals(table.tableName())) {
        return result;
      }
    }
    throw new IllegalArgumentException("no result table stores the engine's " + table.tableName());
  }

  SpecificRecord record(Row row) {
    RecordMapper<SpecificRecord> mapper = mappers.computeIfAbsent(row.layout(),
        layout -> new RecordMapper<>(tableOf(layout.table()).newRecord(), layout.names()));
    return mapper.record(row::get);
  }
}
