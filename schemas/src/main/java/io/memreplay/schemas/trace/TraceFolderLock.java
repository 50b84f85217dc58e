package io.memreplay.schemas.trace;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Held by the one command writing a trace into a folder. Two writers of one folder would write the same
 * temporary files and each publish a manifest over the other's bytes: a trace that looks complete and is
 * not. The lock is the operating system's on {@value #FILE_NAME}, so a killed writer holds it no longer. A
 * writer that finished leaves the file in the folder (hidden, empty); one that leaves nothing behind deletes
 * it while still holding the lock ({@link #closeAndDelete}). Deleted after its release, a writer that had
 * opened the old file and one creating a new one could both think they hold the lock.
 */
final class TraceFolderLock implements AutoCloseable {

  static final String FILE_NAME = ".memreplay-writer.lock";

  private final Path file;
  private final FileChannel channel;

  private TraceFolderLock(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Takes the lock of the existing folder {@code dir}, or refuses when another writer holds it. */
  static TraceFolderLock take(Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM writes there already
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new TraceFolderException(dir + " is being written by another memreplay command; wait for it to finish, "
          + "or choose another folder");
    }
    return new TraceFolderLock(file, channel);
  }

  /** Releases the lock (closing the channel releases it). */
  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * Deletes the lock's file, then releases the lock: for a writer that leaves no trace behind. Deleted while
   * held, so a writer that opened this file is refused, as it would be a moment earlier, and one that comes
   * after creates a file of its own.
   */
  void closeAndDelete() throws IOException {
    try (channel) {
      Files.deleteIfExists(file);
    }
  }
}
