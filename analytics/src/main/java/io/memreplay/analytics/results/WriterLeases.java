package io.memreplay.analytics.results;

import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Who writes in a results folder. Writers name their temporaries after themselves ({@link
 * AtomicFiles#WRITER}), and each JVM that writes in a folder holds, as long as it lives, the operating
 * system's lock on its own lease, {@value #FOLDER}/WRITER.lock. Several may write there at once (replay
 * workers of one consumer group do), so no one may delete another's temporaries while it lives; a writer
 * killed with {@code kill -9} never deletes its own. The next writer to enter the folder finds such a lease
 * free: the writer is gone, and its temporaries and lease are deleted.
 */
final class WriterLeases {

  static final String FOLDER = ".writers";
  private static final String EXTENSION = ".lock";

  /** This JVM's leases, by results folder: held until the JVM ends. */
  private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

  private WriterLeases() {}

  /** Takes this JVM's lease in {@code resultsDir}, once, and clears up after the writers gone from it. */
  static void enter(Path resultsDir) throws IOException {
    Path folder = Files.createDirectories(resultsDir.resolve(FOLDER));
    Path own = folder.resolve(AtomicFiles.WRITER + EXTENSION);
    Path key = folder.toRealPath();
    synchronized (HELD) {
      if (!HELD.containsKey(key)) {
        FileChannel channel = FileChannel.open(own, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock(); // a file of this JVM's own: no one else takes it
        HELD.put(key, channel);
      }
    }
    for (Path lease : leases(folder)) {
      if (!lease.equals(own)) {
        clearIfGone(resultsDir, lease);
      }
    }
  }

  /** Whether {@code file} is this JVM's lease in results folder {@code resultsDir}. */
  static boolean isOwnLease(Path resultsDir, Path file) {
    return file.equals(resultsDir.resolve(FOLDER).resolve(AtomicFiles.WRITER + EXTENSION));
  }

  /**
   * Gives up this JVM's lease in {@code resultsDir} and deletes it, for a folder about to be removed: no one
   * else in this JVM may write in it any more. Deleted while held, as {@link #clearIfGone} does.
   */
  static void leave(Path resultsDir) throws IOException {
    Path folder = resultsDir.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    synchronized (HELD) {
      FileChannel channel = HELD.remove(folder.toRealPath());
      if (channel != null) {
        try (channel) {
          Files.deleteIfExists(folder.resolve(AtomicFiles.WRITER + EXTENSION));
        }
      }
    }
  }

  private static List<Path> leases(Path folder) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(entry -> entry.getFileName().toString().endsWith(EXTENSION)).toList();
    }
  }

  /**
   * Deletes the temporaries of the writer whose lease {@code lease} is, and the lease, when no one holds it.
   * The lease is deleted while this JVM holds it, so a writer that opened it meanwhile finds it held and
   * leaves it, and one that opens it afterwards finds it gone.
   */
  private static void clearIfGone(Path resultsDir, Path lease) throws IOException {
    try (FileChannel channel = FileChannel.open(lease, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        return;
      }
      String writer = lease.getFileName().toString();
      writer = writer.substring(0, writer.length() - EXTENSION.length());
      deleteTemporaries(resultsDir, writer);
      Files.deleteIfExists(lease);
    } catch (NoSuchFileException e) {
      // another writer cleared it first
    }
  }

  /** The lock of {@code channel}'s file, or null when a writer, this JVM included, holds it. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static void deleteTemporaries(Path resultsDir, String writer) throws IOException {
    Predicate<Path> temporary = AtomicFiles.temporariesOf(writer);
    List<Path> left;
    try (Stream<Path> files = Files.walk(resultsDir)) {
      left = files.filter(file -> temporary.test(file) && Files.isRegularFile(file)).toList();
    }
    for (Path file : left) {
      Files.deleteIfExists(file);
    }
  }
}
