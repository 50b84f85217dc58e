package io.memreplay.analytics.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterLeasesTest {

  @TempDir
  Path dir;

  @Test
  void theTemporariesOfAWriterThatIsGoneAreDeletedByTheNextOneAndThoseOfALiveOneStay() throws IOException {
    Path folder = Files.createDirectories(dir.resolve(WriterLeases.FOLDER));
    Path partition = Files.createDirectories(dir.resolve("vm_intervals").resolve("policy=p"));
    String gone = UUID.randomUUID().toString();
    String alive = UUID.randomUUID().toString();
    Files.createFile(folder.resolve(gone + ".lock"));
    Path goneTemporary = Files.createFile(partition.resolve(".run-1.parquet." + gone + "-7.tmp"));
    Path aliveTemporary = Files.createFile(partition.resolve(".run-2.parquet." + alive + "-3.tmp"));
    Path published = Files.createFile(partition.resolve("run-3.parquet"));
    try (FileChannel aliveLease = FileChannel.open(folder.resolve(alive + ".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      aliveLease.lock();
      WriterLeases.enter(dir);

      assertFalse(Files.exists(goneTemporary), "the temporary of the writer that is gone");
      assertFalse(Files.exists(folder.resolve(gone + ".lock")), "its lease");
      assertTrue(Files.exists(aliveTemporary), "the temporary of a writer still at work");
      assertTrue(Files.exists(folder.resolve(alive + ".lock")));
      assertTrue(Files.exists(published));
      assertTrue(Files.exists(folder.resolve(AtomicFiles.WRITER + ".lock")), "this JVM's own lease");
    }
  }

  @Test
  void aWriterEnteringAFolderTwiceKeepsItsTemporaries() throws IOException {
    WriterLeases.enter(dir);
    Path temporary = AtomicFiles.uniqueTemporaryFor(dir.resolve("runs").resolve("run-1.parquet"));
    Files.createDirectories(temporary.getParent());
    Files.createFile(temporary);
    WriterLeases.enter(dir);
    assertTrue(Files.exists(temporary));
    assertEquals(1, Files.list(dir.resolve(WriterLeases.FOLDER)).count());
    AtomicFiles.discard(temporary);
  }
}
