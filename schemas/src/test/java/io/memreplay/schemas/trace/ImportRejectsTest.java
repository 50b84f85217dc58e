package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.avro.Reject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An importer's rejected input lines: kept beside the data, counted in the manifest, outside the digest. */
class ImportRejectsTest {

  private static final List<SpecificRecordBase> RECORDS = TraceFixtures.records(7, 500);

  @TempDir
  Path dir;

  @Test
  void rejectsArePublishedAndCountedInTheManifestButNotInTheDigest() throws Exception {
    Reject first = reject(3, "bad hex digit");
    Reject second = reject(9, "size 0");
    TraceManifest manifest = writeWithRejects(dir.resolve("with"), List.of(first, second));
    TraceManifest plain = TraceFixtures.write(dir.resolve("without"), RECORDS, TraceDatasetWriter.Settings.DEFAULT);

    assertEquals(new TraceManifest.ImportRejects(2, "rejects/part-00000.parquet"), manifest.importRejects());
    assertEquals(manifest.importRejects(), TraceDataset.open(dir.resolve("with")).manifest().importRejects());
    assertEquals(List.of(first, second), TraceFixtures.avroRecords(dir.resolve("with/rejects/part-00000.parquet")));
    assertEquals(plain.digest(), manifest.digest());
  }

  @Test
  void aManifestWithoutRejectsHasNoImportRejectsField() throws Exception {
    TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT);
    String json = Files.readString(dir.resolve(TraceManifest.FILE_NAME));
    assertFalse(json.contains("import_rejects"), json);
    assertNull(TraceManifest.parse(json, "manifest.json").importRejects());
    assertFalse(Files.exists(dir.resolve(TraceDatasetWriter.REJECTS_FOLDER)));
  }

  @Test
  void anUnfinishedDatasetLeavesNoRejectsNorTheirFolderSoTheNextImportFindsItEmpty() throws Exception {
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(dir, TraceFixtures.header("t"),
        TraceDatasetWriter.Settings.DEFAULT)) {
      writer.reject(reject(1, "garbage"));
    }
    assertFalse(Files.exists(dir.resolve(TraceDatasetWriter.REJECTS_FOLDER)));
    TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT);
  }

  @Test
  void anUnfinishedDatasetLeavesNoFilesOfItsTablesEvenFinishedOnes() throws Exception {
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(dir, TraceFixtures.header("t"),
        new TraceDatasetWriter.Settings(1, false))) {
      for (SpecificRecordBase record : RECORDS) {
        writer.write(record);
      }
      writer.reject(reject(1, "garbage"));
    }
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.toList());
    }
    TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT);
  }

  @Test
  void replacingATraceRemovesItsRejects() throws Exception {
    writeWithRejects(dir, List.of(reject(1, "garbage")));
    TraceManifest replaced = TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT.replacing());
    assertNull(replaced.importRejects());
    assertFalse(Files.exists(dir.resolve("rejects/part-00000.parquet")));
  }

  @Test
  void importRejectsOutsideTheTraceFolderAreRefused() throws Exception {
    TraceManifest manifest = writeWithRejects(dir, List.of(reject(1, "garbage")));
    String json = manifest.toJson().replace("rejects/part-00000.parquet", "../elsewhere.parquet");
    TraceFormatException refused =
        assertThrows(TraceFormatException.class, () -> TraceManifest.parse(json, "manifest.json"));
    assertTrue(refused.getMessage().contains("import_rejects"), refused.getMessage());
  }

  private static TraceManifest writeWithRejects(Path target, List<Reject> rejects) throws Exception {
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(target, TraceFixtures.header("fixture"),
        TraceDatasetWriter.Settings.DEFAULT.replacing())) {
      for (SpecificRecordBase record : RECORDS) {
        writer.write(record);
      }
      for (Reject reject : rejects) {
        writer.reject(reject);
      }
      return writer.finish();
    }
  }

  private static Reject reject(long line, String reason) {
    return Reject.newBuilder().setReplayId("import").setSource("trace.txt").setPosition(line).setKind("line")
        .setVm(0).setReason(reason).setRecord("the line").build();
  }
}
