package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
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
        read.addAll(TraceFixtures.avroRecords(dir.resolve(kind.table()).resolve(file.name())));
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
        TraceFixtures.assertDuckDbReads(sql, dir.resolve(kind.table()) + "/*.parquet", schema, expected);
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
