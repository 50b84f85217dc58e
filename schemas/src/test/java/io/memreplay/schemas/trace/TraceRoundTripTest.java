package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.parquet.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.parquet.hadoop.ParquetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRoundTripTest {

  @TempDir
  Path dir;

  @Test
  void everyKindRoundTripsThroughTheColumnarWriterAndReader() throws Exception {
    List<SpecificRecordBase> records = TraceFixtures.records(3, 5000);
    // small files force rolling, so ordering across files is exercised too
    TraceManifest manifest = TraceFixtures.write(dir, records, new TraceDatasetWriter.Settings(700, false));
    assertTrue(manifest.files(RecordKind.ACCESSES).size() > 1);
    List<SpecificRecordBase> read = TraceFixtures.readAll(TraceDataset.open(dir), new TraceReader.Options());
    TraceFixtures.assertSameRecords(replayOrder(records), read);
  }

  @Test
  void avroReadersSeeTheSameRecordsInEveryFile() throws Exception {
    List<SpecificRecordBase> records = TraceFixtures.records(4, 2000);
    TraceManifest manifest = TraceFixtures.write(dir, records, TraceDatasetWriter.Settings.DEFAULT);
    for (RecordKind kind : RecordKind.values()) {
      List<Object> expected = records.stream().filter(r -> r.getSchema().equals(kind.layout().schema()))
          .collect(Collectors.toList());
      List<Object> read = new ArrayList<>();
      for (TraceManifest.FileEntry file : manifest.files(kind)) {
        try (ParquetReader<Object> reader = ParquetFiles.avroReader(dir.resolve(kind.table()).resolve(file.name()))) {
          for (Object record; (record = reader.read()) != null; ) {
            read.add(record);
          }
        }
      }
      TraceFixtures.assertSameRecords(expected, read);
    }
  }

  @Test
  void duckDbReadsEveryKindWithTheSchemaColumnNamesAndValues() throws Exception {
    List<SpecificRecordBase> records = TraceFixtures.records(5, 1000);
    TraceFixtures.write(dir, records, TraceDatasetWriter.Settings.DEFAULT);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      for (RecordKind kind : RecordKind.values()) {
        Schema schema = kind.layout().schema();
        List<SpecificRecordBase> expected = records.stream().filter(r -> r.getSchema().equals(schema)).toList();
        try (ResultSet rows = sql.executeQuery("SELECT * FROM read_parquet('" + dir.resolve(kind.table()) + "/*.parquet')")) {
          ResultSetMetaData meta = rows.getMetaData();
          List<String> columns = new ArrayList<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnName(c));
          }
          assertEquals(schema.getFields().stream().map(Schema.Field::name).toList(), columns, kind.table());
          int row = 0;
          while (rows.next()) {
            SpecificRecordBase record = expected.get(row++);
            for (Schema.Field field : schema.getFields()) {
              Object want = record.get(field.pos());
              Object got = rows.getObject(field.name());
              assertEquals(want == null ? null : want.toString(), got == null ? null : got.toString(),
                  kind.table() + " row " + row + " column " + field.name());
            }
          }
          assertEquals(expected.size(), row);
        }
      }
    }
  }

  @Test
  void theManifestDescribesTheDataAndItsDigestIsReproducible() throws Exception {
    List<SpecificRecordBase> records = TraceFixtures.records(6, 3000);
    TraceManifest first = TraceFixtures.write(dir.resolve("a"), records, TraceDatasetWriter.Settings.DEFAULT);
    TraceManifest second = TraceFixtures.write(dir.resolve("b"), records, TraceDatasetWriter.Settings.DEFAULT);
    assertEquals(first.digest(), second.digest());
    assertEquals(first.digest(), TraceDataset.open(dir.resolve("a")).computeDigest());
    assertEquals(3000, first.events(RecordKind.ACCESSES));
    assertEquals(300, first.events(RecordKind.CONTENTS));
    long minTs = records.stream().mapToLong(r -> (Long) r.get("ts_ns")).min().orElseThrow();
    long maxTs = records.stream().mapToLong(r -> (Long) r.get("ts_ns")).max().orElseThrow();
    assertEquals(minTs, first.startNs());
    assertEquals(maxTs, first.endNs());
    assertTrue(Files.readString(dir.resolve("a/manifest.json")).contains("\"format_version\" : 1"));
  }

  /** Records sorted as the reader delivers them: by ts_ns, then by kind; stable within a kind. */
  static List<SpecificRecordBase> replayOrder(List<SpecificRecordBase> records) {
    List<SpecificRecordBase> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.<SpecificRecordBase>comparingLong(r -> (Long) r.get("ts_ns"))
        .thenComparingInt(r -> RecordKind.valueOf(kindName(r)).ordinal()));
    return sorted;
  }

  private static String kindName(SpecificRecordBase record) {
    for (RecordKind kind : RecordKind.values()) {
      if (kind.layout().schema().equals(record.getSchema())) {
        return kind.name();
      }
    }
    throw new IllegalArgumentException();
  }
}
