package io.memreplay.schemas.trace;

import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.MemoryDemand;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.PageTableOp;
import io.memreplay.schemas.avro.PageTableOpKind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.parquet.hadoop.ParquetReader;

/** Small, fully known traces for tests of this and other modules. */
public final class TraceFixtures {

  public static final List<TraceManifest.Vm> VMS = List.of(new TraceManifest.Vm(0, "vm-0"), new TraceManifest.Vm(1, "vm-1"));

  private TraceFixtures() {}

  public static TraceDatasetWriter.Header header(String traceId) {
    return new TraceDatasetWriter.Header(traceId, "esx-test", VMS, false, "memreplay tests");
  }

  /** Random records of every kind, each kind sorted by ts_ns, exercising nulls and every enum symbol. */
  public static List<SpecificRecordBase> records(long seed, int accesses) {
    SplittableRandom random = new SplittableRandom(seed);
    List<SpecificRecordBase> records = new ArrayList<>();
    long ts = 0;
    for (int i = 0; i < accesses; i++) {
      ts += random.nextInt(3);
      AccessOp op = AccessOp.values()[random.nextInt(3)];
      Long hash = op == AccessOp.WRITE && random.nextBoolean() ? random.nextLong(1, Long.MAX_VALUE) : null;
      long gpa = random.nextInt(4) == 0 ? -1 : random.nextLong(1L << 40);
      records.add(new MemoryAccess(ts, random.nextInt(2), random.nextInt(4), random.nextInt(3),
          random.nextLong(), gpa, op, 1 << random.nextInt(4), hash));
    }
    for (int i = 0; i < accesses / 10; i++) {
      PageTableOpKind kind = PageTableOpKind.values()[i % PageTableOpKind.values().length];
      records.add(new PageTableOp((long) i * 7, random.nextInt(2), 0, random.nextInt(3), kind,
          random.nextLong(1L << 47), -1L, 4096, 3));
      long hash = i % 3 == 0 ? ContentHashes.ZERO : random.nextLong(1, Long.MAX_VALUE);
      records.add(new PageContent((long) i * 5, random.nextInt(2), (long) random.nextInt(1 << 20), hash,
          hash == ContentHashes.ZERO, i % 2 == 0 ? null : random.nextInt(4097)));
      MemoryDemand demand = demand((long) i * 11, random.nextInt(2), 1_000_000_000L, (long) random.nextInt(1000),
          i % 2 == 0 ? null : 5000L);
      if (i % 3 == 0) {
        // what a recorded host did: kept beside the demand, every column its own value
        demand.setObservedGrantedPages(4000L + i);
        demand.setObservedConsumedPages(3000L + i);
        demand.setObservedOverheadPages(30L);
        demand.setObservedBalloonedPages((long) random.nextInt(100));
        demand.setObservedSwappedPages((long) random.nextInt(50));
        demand.setObservedCompressedPages(i % 2 == 0 ? null : 7L);
        demand.setObservedSharedPages(200L);
        demand.setObservedSharedSavedPages(150L);
        demand.setObservedZeroPages(90L);
      }
      records.add(demand);
    }
    return records;
  }

  /** A demand sample without observed host values. */
  public static MemoryDemand demand(long tsNs, int vm, long periodNs, long activePages, Long touchedPages) {
    return MemoryDemand.newBuilder().setTsNs(tsNs).setVm(vm).setPeriodNs(periodNs).setActivePages(activePages)
        .setTouchedPages(touchedPages).build();
  }

  /** Writes {@code records} as a dataset in {@code dir} and returns its manifest. */
  public static TraceManifest write(Path dir, List<SpecificRecordBase> records, TraceDatasetWriter.Settings settings)
      throws IOException {
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(dir, header("fixture"), settings)) {
      for (SpecificRecordBase record : records) {
        writer.write(record);
      }
      return writer.finish();
    }
  }

  /** All records of a dataset, through the columnar reader, in replay order, as Avro records. */
  public static List<SpecificRecordBase> readAll(TraceDataset dataset, TraceReader.Options options) throws IOException {
    try (TraceReader reader = dataset.reader(options)) {
      return readAll(reader);
    }
  }

  /** All records {@code reader} delivers, in replay order, as Avro records; the reader stays open. */
  public static List<SpecificRecordBase> readAll(TraceReader reader) throws IOException {
    List<SpecificRecordBase> out = new ArrayList<>();
    TraceBatch batch = new TraceBatch(64, 16);
    while (reader.next(batch)) {
      mergeInto(batch, out);
    }
    return out;
  }

  /** Appends the events of a batch in (ts_ns, kind) order, the order a replay applies them in. */
  public static void mergeInto(TraceBatch batch, List<SpecificRecordBase> out) {
    int[] next = new int[RecordKind.values().length];
    while (true) {
      RecordKind first = null;
      for (RecordKind kind : RecordKind.values()) {
        Columns columns = batch.columns(kind);
        if (next[kind.ordinal()] < columns.size() && (first == null
            || columns.tsNs[next[kind.ordinal()]] < batch.columns(first).tsNs[next[first.ordinal()]])) {
          first = kind;
        }
      }
      if (first == null) {
        return;
      }
      out.add(batch.columns(first).toRecord(next[first.ordinal()]++));
    }
  }

  /** The records of a Parquet file as parquet-avro reads them. */
  public static List<Object> avroRecords(Path file) throws IOException {
    List<Object> records = new ArrayList<>();
    try (ParquetReader<Object> reader = ParquetFiles.avroReader(file)) {
      for (Object record; (record = reader.read()) != null; ) {
        records.add(record);
      }
    }
    return records;
  }

  /**
   * Checks that DuckDB reads {@code expected} from {@code parquetFiles} (a path or glob), with the
   * schema's column names in order and every value equal as text.
   */
  public static void assertDuckDbReads(Statement sql, String parquetFiles, Schema schema,
      List<? extends SpecificRecordBase> expected) throws SQLException {
    try (ResultSet rows = sql.executeQuery("SELECT * FROM read_parquet('" + parquetFiles + "')")) {
      ResultSetMetaData meta = rows.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int c = 1; c <= meta.getColumnCount(); c++) {
        columns.add(meta.getColumnName(c));
      }
      assertEquals(schema.getFields().stream().map(Schema.Field::name).toList(), columns, parquetFiles);
      int row = 0;
      while (rows.next()) {
        SpecificRecordBase record = expected.get(row++);
        for (Schema.Field field : schema.getFields()) {
          Object want = record.get(field.pos());
          Object got = rows.getObject(field.name());
          assertEquals(want == null ? null : want.toString(), got == null ? null : got.toString(),
              parquetFiles + " row " + row + " column " + field.name());
        }
      }
      assertEquals(expected.size(), row, parquetFiles);
    }
  }

  /** Fails at the first differing element, with its index, instead of printing two long lists. */
  public static void assertSameRecords(List<?> expected, List<?> actual) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        throw new AssertionError("record " + i + " differs: expected " + expected.get(i) + " but was " + actual.get(i));
      }
    }
    if (expected.size() != actual.size()) {
      throw new AssertionError("expected " + expected.size() + " records but read " + actual.size());
    }
  }
}
