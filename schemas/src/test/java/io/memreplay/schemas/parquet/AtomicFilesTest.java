package io.memreplay.schemas.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir
  Path dir;

  /** What a JVM stopped by a signal deletes: only what it was still writing. */
  @Test
  void deleteUnpublishedRemovesTheTemporariesNeitherPublishedNorDiscarded() throws Exception {
    Path published = dir.resolve("published.parquet");
    Path unfinished = AtomicFiles.uniqueTemporaryFor(dir.resolve("unfinished.parquet"));
    Files.writeString(unfinished, "half");
    Path temporary = AtomicFiles.temporaryFor(published);
    Files.writeString(temporary, "whole");
    AtomicFiles.publish(temporary, published);
    Path someoneElses = dir.resolve(".other.parquet.tmp");
    Files.writeString(someoneElses, "not this JVM's");

    AtomicFiles.deleteUnpublished();

    assertFalse(Files.exists(unfinished));
    assertEquals("whole", Files.readString(published));
    assertTrue(Files.exists(someoneElses));
  }
}
