package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders a trace may be written to: what a stopped writer left, and not one another writer is writing. */
class TraceFolderTest {

  private static final List<SpecificRecordBase> RECORDS = TraceFixtures.records(7, 500);

  @TempDir
  Path dir;

  /** A writer killed (kill -9, or stopped by a signal) leaves data files, published or not, and no manifest. */
  @Test
  void whatAStoppedWriterLeftIsReplacedWithoutAskingForForce() throws Exception {
    Files.createDirectories(dir.resolve("accesses"));
    Files.writeString(dir.resolve("accesses/part-00000.parquet"), "a finished file of the stopped writer");
    Files.writeString(dir.resolve("accesses/.part-00001.parquet.tmp"), "half a file");
    Files.createDirectories(dir.resolve("contents"));

    TraceManifest manifest = TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT);

    assertEquals(manifest.digest(), TraceDataset.open(dir).manifest().digest());
  }

  @Test
  void aFolderWithOtherFilesBesideTraceFoldersIsStillRefused() throws Exception {
    Files.createDirectories(dir.resolve("accesses"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    TraceFolderException refused = assertThrows(TraceFolderException.class,
        () -> TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT));
    assertEquals(dir + " already exists and is not empty; remove it or choose another folder", refused.getMessage());
    assertTrue(Files.exists(dir.resolve("notes.txt")));
  }

  @Test
  void aTraceIsReplacedOnlyWhenAskedAndTheRefusalSaysHow() throws Exception {
    TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT);

    TraceFolderException refused = assertThrows(TraceFolderException.class,
        () -> TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT));
    assertTrue(refused.getMessage().endsWith("or replace the trace with --force"), refused.getMessage());
  }

  @Test
  void aSecondWriterOfAFolderIsRefusedWhileTheFirstWritesAndAdmittedAfter() throws Exception {
    try (TraceDatasetWriter first = TraceDatasetWriter.create(dir, TraceFixtures.header("first"),
        TraceDatasetWriter.Settings.DEFAULT.replacing())) {
      TraceFolderException refused = assertThrows(TraceFolderException.class, () -> TraceDatasetWriter.create(dir,
          TraceFixtures.header("second"), TraceDatasetWriter.Settings.DEFAULT.replacing()));
      assertEquals(dir + " is being written by another memreplay command; wait for it to finish, or choose another"
          + " folder", refused.getMessage());
      for (SpecificRecordBase record : RECORDS) {
        first.write(record);
      }
      first.finish();
    }
    TraceFixtures.write(dir, RECORDS, TraceDatasetWriter.Settings.DEFAULT.replacing());
  }
}
