package io.memreplay.schemas.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir
  Path dir;

  /** The file system's refusal names no file; the error does, and no temporary is left. */
  @Test
  void aFileThatCannotBeWrittenIsNamedInTheErrorAndLeavesNothing() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("report"), "a file");
    Path target = notAFolder.resolve("summary.txt");
    IOException refused = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "text"));
    assertTrue(refused.getMessage().startsWith("cannot write " + target + ": "), refused.getMessage());
    refused = assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));
    assertTrue(refused.getMessage().startsWith("cannot write " + target + ": "), refused.getMessage());
    assertEquals("a file", Files.readString(notAFolder));
  }

  /** A string Java cannot encode is refused as such, not as a write error. */
  @Test
  void aMalformedStringIsRefusedAsItIs() {
    Path target = dir.resolve("text.txt");
    assertThrows(CharacterCodingException.class, () -> AtomicFiles.writeString(target, "lone \ud800 surrogate"));
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(AtomicFiles.temporaryFor(target)));
  }

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
