package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.MemoryDemand;
import io.memreplay.schemas.avro.Reject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a trace folder can be wrong gives an error naming the file, or rejects naming the row. */
class TraceDatasetValidationTest {

  private static final String ACCESS_FILE = "accesses/part-00000.parquet";

  @TempDir
  Path dir;

  private void writeFixture() throws Exception {
    TraceFixtures.write(dir, TraceFixtures.records(1, 500), TraceDatasetWriter.Settings.DEFAULT);
  }

  private String openError() {
    return assertThrows(TraceFormatException.class, () -> TraceDataset.open(dir)).getMessage();
  }

  @Test
  void aFolderWithoutManifestIsNotATrace() throws Exception {
    writeFixture();
    Files.delete(dir.resolve("manifest.json"));
    String message = openError();
    assertTrue(message.contains("is not a memreplay trace: manifest.json is missing"), message);
  }

  @Test
  void anUnknownFormatVersionIsRefused() throws Exception {
    writeFixture();
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\" : 1", "\"format_version\" : 2"));
    String message = openError();
    assertTrue(message.contains("format_version 2 is not supported; this memreplay reads version 1"), message);
  }

  @Test
  void brokenJsonNamesTheLine() throws Exception {
    writeFixture();
    Files.writeString(dir.resolve("manifest.json"), "{\n  \"format\": \"memreplay-trace\",\n  oops\n}");
    String message = openError();
    assertTrue(message.contains("manifest.json: not valid JSON") && message.contains("line 3"), message);
  }

  @Test
  void aTruncatedParquetFileIsNamed() throws Exception {
    writeFixture();
    Path file = dir.resolve(ACCESS_FILE);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    String message = openError();
    assertTrue(message.startsWith(ACCESS_FILE + ": not a readable Parquet file"), message);
  }

  @Test
  void aMissingFileIsNamed() throws Exception {
    writeFixture();
    Files.delete(dir.resolve(ACCESS_FILE));
    assertEquals(ACCESS_FILE + ": file is missing", openError());
  }

  @Test
  void aFileTheManifestDoesNotListIsRefused() throws Exception {
    writeFixture();
    Files.copy(dir.resolve(ACCESS_FILE), dir.resolve("accesses/part-00001.parquet"));
    String message = openError();
    assertTrue(message.startsWith("accesses/part-00001.parquet is not listed in manifest.json"), message);
  }

  @Test
  void aMissingColumnIsNamedWithTheFile() throws Exception {
    writeFixture();
    replaceAccesses("SELECT ts_ns, vm, asid, gva, gpa, op, size, content_hash FROM read_parquet('%s')");
    String message = openError();
    assertTrue(message.startsWith(ACCESS_FILE + ": column 'vcpu' is missing"), message);
  }

  @Test
  void aColumnOfTheWrongTypeIsNamed() throws Exception {
    writeFixture();
    replaceAccesses("SELECT ts_ns, vm::BIGINT AS vm, vcpu, asid, gva, gpa, op, size, content_hash FROM read_parquet('%s')");
    String message = openError();
    assertTrue(message.startsWith(ACCESS_FILE + ": column 'vm' is INT64, expected INT32"), message);
  }

  @Test
  void aRowCountDifferentFromTheManifestIsRefused() throws Exception {
    writeFixture();
    replaceAccesses("SELECT * FROM read_parquet('%s') LIMIT 10", ManifestUpdate.NONE);
    String message = openError();
    assertTrue(message.contains("holds 10 rows but manifest.json says 500"), message);
  }

  @Test
  void unusableRowsOfAForeignFileAreRejectedWithTheirRowAndReasonAndTheRestIsReplayed() throws Exception {
    writeFixture();
    // a file written by DuckDB: optional columns, its own encodings and codec; rows 2 to 5 are bad
    replaceAccesses("""
        SELECT * FROM (VALUES
          (10::BIGINT, 0, 0, 0, 4096::BIGINT, 8192::BIGINT, 'READ', 8, NULL::BIGINT),
          (20, 1, 0, 0, 4096, 8192, 'WRITE', 8, 99),
          (15, 0, 0, 0, 4096, 8192, 'READ', 8, NULL),
          (NULL, 0, 0, 0, 4096, 8192, 'READ', 8, NULL),
          (30, 0, 0, 0, 4096, 8192, 'JUMP', 8, NULL),
          (40, 0, 0, 0, 4096, 8192, 'READ', 0, NULL),
          (40, 1, 1, 2, 12288, -1, 'EXEC', 4, NULL)
        ) t(ts_ns, vm, vcpu, asid, gva, gpa, op, size, content_hash) -- %s
        """);
    List<Reject> rejects = new ArrayList<>();
    TraceDataset dataset = TraceDataset.open(dir);
    List<SpecificRecordBase> read = TraceFixtures.readAll(dataset, new TraceReader.Options().rejects(rejects::add));
    List<MemoryAccess> accesses = read.stream().filter(r -> r instanceof MemoryAccess).map(r -> (MemoryAccess) r).toList();
    assertEquals(List.of(10L, 20L, 40L), accesses.stream().map(MemoryAccess::getTsNs).toList());
    assertEquals(99L, accesses.get(1).getContentHash());
    assertEquals(AccessOp.EXEC, accesses.get(2).getOp());

    Map<Long, String> reasons = new LinkedHashMap<>();
    for (Reject reject : rejects) {
      assertEquals(ACCESS_FILE, reject.getSource());
      assertEquals("accesses", reject.getKind());
      reasons.put(reject.getPosition(), reject.getReason());
    }
    assertEquals(List.of(2L, 3L, 4L, 5L), List.copyOf(reasons.keySet()));
    assertEquals("ts_ns 15 is earlier than the previous accesses row's 20 (the table must be sorted by ts_ns)", reasons.get(2L));
    assertEquals("ts_ns is null", reasons.get(3L));
    assertEquals("op is 'JUMP', not one of [READ, WRITE, EXEC]", reasons.get(4L));
    assertEquals("size must be within [1, 4096] bytes, was 0", reasons.get(5L));
    assertTrue(rejects.get(0).getRecord().startsWith("ts_ns=15, vm=0"), rejects.get(0).getRecord());
  }

  @Test
  void rowsOutsideTheManifestsSpanAndOverflowingValuesAreRejectedAndTheRestIsReplayed() throws Exception {
    writeFixture();
    TraceManifest manifest = TraceDataset.open(dir).manifest();
    replaceAccesses("""
        SELECT * FROM (VALUES
          (10::BIGINT, 0, 0, 0, 4096::BIGINT, 8192::BIGINT, 'READ', 8, NULL::BIGINT),
          (11, 0, 0, -3, 4096, 8192, 'READ', 8, NULL),
          (12, 0, 0, 0, 4096, 8192, 'READ', 2147483647, NULL),
          (13, 0, 0, 0, 4096, -2, 'READ', 8, NULL),
          (9223372036854775000, 0, 0, 0, 4096, 8192, 'READ', 8, NULL)
        ) t(ts_ns, vm, vcpu, asid, gva, gpa, op, size, content_hash) -- %s
        """, ManifestUpdate.COUNTS);
    String footer = openError();
    assertTrue(footer.startsWith(ACCESS_FILE + ": its footer says ts_ns runs from 10 to 9223372036854775000 but manifest.json says"),
        footer);
    List<Reject> rejects = new ArrayList<>();
    List<SpecificRecordBase> read = TraceFixtures.readAll(TraceDataset.open(dir, Verification.TRUSTED, bytes -> {}),
        new TraceReader.Options().rejects(rejects::add));
    assertEquals(List.of(10L), read.stream().filter(r -> r instanceof MemoryAccess).map(r -> ((MemoryAccess) r).getTsNs()).toList());
    assertEquals(List.of(1L, 2L, 3L, 4L), rejects.stream().map(Reject::getPosition).toList());
    assertEquals("asid must not be negative, was -3", rejects.get(0).getReason());
    assertTrue(rejects.get(1).getReason().startsWith("size must be within [1, 4096] bytes, was 2147483647"), rejects.get(1).getReason());
    assertEquals("gpa must be -1 (unknown) or a guest physical address, was -2", rejects.get(2).getReason());
    assertEquals("ts_ns 9223372036854775000 is outside the trace's span [" + manifest.startNs() + ", " + manifest.endNs()
        + "] (the manifest's start_ns and end_ns)", rejects.get(3).getReason());
  }

  @Test
  void rowsOfVmsTheReaderIsToldToRefuseAreRejected() throws Exception {
    writeFixture();
    List<Reject> rejects = new ArrayList<>();
    List<SpecificRecordBase> read = TraceFixtures.readAll(TraceDataset.open(dir),
        new TraceReader.Options().screen(RecordScreen.of(List.of(new RecordScreen.Vm(0, 4, 1 << 20)),
            "vm is not in scenario 's'")).rejects(rejects::add));
    assertTrue(read.stream().allMatch(r -> (Integer) r.get("vm") == 0));
    assertTrue(rejects.size() > 100);
    assertTrue(rejects.stream().allMatch(r -> r.getVm() == 1 && r.getReason().equals("vm is not in scenario 's'")));
  }

  @Test
  void aDemandFileWrittenBeforeTheObservedColumnsReadsThemAsNull() throws Exception {
    writeFixture();
    List<MemoryDemand> written = demandRows(TraceFixtures.readAll(TraceDataset.open(dir), new TraceReader.Options()));
    assertTrue(written.stream().anyMatch(d -> d.getObservedConsumedPages() != null), "the fixture has observed values");
    replace(RecordKind.DEMAND, "SELECT ts_ns, vm, period_ns, active_pages, touched_pages FROM read_parquet('%s')",
        ManifestUpdate.COUNTS_AND_TIMES);
    List<MemoryDemand> read = demandRows(TraceFixtures.readAll(TraceDataset.open(dir), new TraceReader.Options()));
    assertEquals(written.size(), read.size());
    for (int i = 0; i < read.size(); i++) {
      MemoryDemand expected = MemoryDemand.newBuilder(written.get(i)).setObservedGrantedPages(null)
          .setObservedConsumedPages(null).setObservedOverheadPages(null).setObservedBalloonedPages(null)
          .setObservedSwappedPages(null).setObservedCompressedPages(null).setObservedSharedPages(null)
          .setObservedSharedSavedPages(null).setObservedZeroPages(null).build();
      assertEquals(expected, read.get(i));
    }
  }

  private static List<MemoryDemand> demandRows(List<SpecificRecordBase> records) {
    return records.stream().filter(r -> r instanceof MemoryDemand).map(r -> (MemoryDemand) r).toList();
  }

  /** What {@link #replace} updates in the manifest after rewriting a file. */
  private enum ManifestUpdate {
    /** Nothing: the manifest describes the old file. */
    NONE,
    /** The file's row count and size, keeping its time range and the trace's span. */
    COUNTS,
    /** The file's row count, size and time range (from the new rows): a manifest that describes the file. */
    COUNTS_AND_TIMES
  }

  private void replaceAccesses(String selectFromOriginal) throws Exception {
    replace(RecordKind.ACCESSES, selectFromOriginal, ManifestUpdate.COUNTS_AND_TIMES);
  }

  private void replaceAccesses(String selectFromOriginal, ManifestUpdate update) throws Exception {
    replace(RecordKind.ACCESSES, selectFromOriginal, update);
  }

  /**
   * Rewrites the first file of {@code kind} with DuckDB from a SELECT over the original ({@code %s}), then the
   * manifest as told.
   */
  private void replace(RecordKind kind, String selectFromOriginal, ManifestUpdate update) throws Exception {
    Path file = dir.resolve(kind.table()).resolve(TraceDataset.open(dir).manifest().files(kind).get(0).name());
    Path original = dir.resolve("original.parquet.bak");
    Files.move(file, original);
    long rows;
    long first;
    long last;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      String select = String.format(selectFromOriginal, original);
      sql.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
      try (var result = sql.executeQuery("SELECT count(*), min(ts_ns), max(ts_ns) FROM read_parquet('" + file + "')")) {
        result.next();
        rows = result.getLong(1);
        first = result.getLong(2);
        last = result.getLong(3);
      }
    }
    Files.delete(original);
    if (update == ManifestUpdate.NONE) {
      return;
    }
    Path manifestFile = dir.resolve("manifest.json");
    TraceManifest manifest = TraceManifest.parse(Files.readString(manifestFile), "manifest.json");
    Map<String, TraceManifest.Table> tables = new LinkedHashMap<>(manifest.tables());
    TraceManifest.FileEntry entry = manifest.files(kind).get(0);
    boolean times = update == ManifestUpdate.COUNTS_AND_TIMES;
    tables.put(kind.table(), new TraceManifest.Table(rows, List.of(new TraceManifest.FileEntry(entry.name(), rows,
        Files.size(file), times ? first : entry.firstTsNs(), times ? last : entry.lastTsNs(), null))));
    Files.writeString(manifestFile, new TraceManifest(manifest.format(), manifest.formatVersion(), manifest.traceId(),
        manifest.timeUnit(), manifest.nominalTime(), manifest.host(), manifest.vms(), tables,
        times ? Math.min(first, manifest.startNs()) : manifest.startNs(),
        times ? Math.max(last, manifest.endNs()) : manifest.endNs(), manifest.digest(), manifest.createdBy(),
        manifest.importRejects()).toJson());
  }
}
