package io.memreplay.analytics.sql;

import io.memreplay.analytics.results.EngineRows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.analytics.results.ParquetResultsDataset;
import io.memreplay.analytics.results.ResultTable;
import io.memreplay.analytics.results.SampleRows;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rows written through the Parquet results dataset come back through the DuckDB views unchanged. */
class ResultTablesRoundTripTest {

  private static final String REPLAY = "replay-1";
  private static final String RUN = "run-1";
  private static final String POLICY = "esxi-default";
  private static final Map<String, String> IDS = Map.of("replay_id", REPLAY, "run_id", RUN, "policy", POLICY);

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(ResultTable.class)
  void everyColumnReadsBackUnderItsSchemaNameWithTheValueWritten(ResultTable table) throws Exception {
    List<SpecificRecord> rows = rowsOf(table);
    write(table, rows);

    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      Rows read = database.query("SELECT * FROM " + table.folder(), Rows::read);
      assertEquals(fieldNames(table.schema()), read.columns());
      assertEquals(valuesOf(rows), read.values());
    }
  }

  /** Two rows, one with every optional column set and one with all of them null; one row for runs. */
  private static List<SpecificRecord> rowsOf(ResultTable table) {
    if (table == ResultTable.RUNS) {
      return List.of(SampleRows.run(REPLAY, RUN, POLICY));
    }
    return List.of(SampleRows.sample(table, 1, false, IDS), SampleRows.sample(table, 2, true, IDS));
  }

  private void write(ResultTable table, List<SpecificRecord> rows) throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    RunOutput run = dataset.openRun(RUN, POLICY);
    for (SpecificRecord row : rows) {
      switch (table) {
        case RUNS -> { }
        case REJECTS -> dataset.reject((Reject) row);
        default -> SampleRows.write(run, row);
      }
    }
    run.commit(EngineRows.of(table == ResultTable.RUNS ? (Run) rows.get(0) : SampleRows.run(REPLAY, RUN, POLICY)));
    dataset.finish();
  }

  private static List<String> fieldNames(Schema schema) {
    return schema.getFields().stream().map(Schema.Field::name).toList();
  }

  private static Set<List<Object>> valuesOf(List<SpecificRecord> rows) {
    Set<List<Object>> values = new HashSet<>();
    for (SpecificRecord row : rows) {
      List<Object> value = new ArrayList<>();
      for (Schema.Field field : row.getSchema().getFields()) {
        value.add(row.get(field.pos()));
      }
      values.add(value);
    }
    return values;
  }

  /** The column labels and rows (in no particular order) of a query. */
  private record Rows(List<String> columns, Set<List<Object>> values) {

    static Rows read(ResultSet resultSet) throws SQLException {
      ResultSetMetaData meta = resultSet.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      Set<List<Object>> values = new HashSet<>();
      while (resultSet.next()) {
        List<Object> value = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
          value.add(resultSet.getObject(i));
        }
        values.add(value);
      }
      return new Rows(columns, values);
    }
  }
}
