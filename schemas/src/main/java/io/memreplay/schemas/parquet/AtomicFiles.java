package io.memreplay.schemas.parquet;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Output files appear complete or not at all: writers write to a hidden temporary sibling and
 * {@link #publish} renames it into place. Readers of datasets skip names starting with '.' or '_'.
 */
public final class AtomicFiles {

  /**
   * Names this JVM in its unique temporaries: a writer killed before it could delete them leaves them
   * behind, and whoever finds this JVM gone can tell them from those of writers still at work.
   */
  public static final String WRITER = UUID.randomUUID().toString();
  private static final AtomicLong TEMPORARIES = new AtomicLong();

  /** The temporaries this JVM named and has neither published nor discarded: see {@link #deleteUnpublished}. */
  private static final Set<Path> UNPUBLISHED = ConcurrentHashMap.newKeySet();

  private AtomicFiles() {}

  /**
   * The hidden temporary name {@code target} is written under before it is published; until it is published
   * or {@link #discard}ed, {@link #deleteUnpublished} deletes it.
   */
  public static Path temporaryFor(Path target) {
    return unpublished(target.resolveSibling("." + target.getFileName() + ".tmp"));
  }

  /**
   * A hidden temporary name for {@code target} that no other writer uses: for files that two processes may
   * write at once, such as the results of a host that a dead worker's successor replays again while the
   * dead one still finishes. Each then renames its own complete file into place.
   */
  public static Path uniqueTemporaryFor(Path target) {
    return unpublished(target.resolveSibling(
        "." + target.getFileName() + "." + WRITER + "-" + TEMPORARIES.incrementAndGet() + ".tmp"));
  }

  /** Which files are named as {@link #uniqueTemporaryFor} names the temporaries of {@code writer}. */
  public static Predicate<Path> temporariesOf(String writer) {
    Pattern name = Pattern.compile("\\..+\\." + Pattern.quote(writer) + "-[0-9]+\\.tmp");
    return file -> name.matcher(file.getFileName().toString()).matches();
  }

  private static Path unpublished(Path temporary) {
    UNPUBLISHED.add(temporary);
    return temporary;
  }

  /**
   * {@code e}, met while writing {@code target} under its temporary name, as an error that names the file:
   * the file system's own message ("File too large", "No space left on device") names none.
   */
  public static IOException cannotWrite(Path target, IOException e) {
    return new IOException("cannot write " + target + ": " + e.getMessage(), e);
  }

  /** Renames {@code temporary} to {@code target}, atomically where the file system allows it. */
  public static void publish(Path temporary, Path target) throws IOException {
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    UNPUBLISHED.remove(temporary);
  }

  /** Deletes {@code temporary}, which will not be published. */
  public static void discard(Path temporary) throws IOException {
    Files.deleteIfExists(temporary);
    UNPUBLISHED.remove(temporary);
  }

  /**
   * Deletes every temporary not yet published or discarded: for a JVM being stopped (Ctrl-C, SIGTERM) midway
   * through its writes, whose writers never get to clean up after themselves. Readers skip temporaries, but
   * each stopped command would otherwise leave its own behind for good. A file that cannot be deleted stays:
   * the JVM is on its way out, with no one to tell.
   */
  public static void deleteUnpublished() {
    for (Path temporary : UNPUBLISHED) {
      try {
        discard(temporary);
      } catch (IOException e) {
        // stays, hidden from readers
      }
    }
  }

  /**
   * Writes {@code content} to {@code target} through a temporary file. Not {@code write(target,
   * content.getBytes(UTF_8))}: {@code Files.writeString} refuses a malformed string (a lone surrogate), where
   * getBytes would write '?' in its place; that refusal keeps its type.
   */
  public static void writeString(Path target, String content) throws IOException {
    Path temporary = temporaryFor(target);
    try {
      Files.writeString(temporary, content);
    } catch (IOException e) {
      throw failed(target, temporary, e);
    }
    publish(temporary, target);
  }

  /** Writes {@code content} to {@code target} through a temporary file. */
  public static void write(Path target, byte[] content) throws IOException {
    Path temporary = temporaryFor(target);
    try {
      Files.write(temporary, content);
    } catch (IOException e) {
      throw failed(target, temporary, e);
    }
    publish(temporary, target);
  }

  /** The error of a write of {@code target} that failed, its temporary deleted where it can be. */
  private static IOException failed(Path target, Path temporary, IOException e) {
    IOException failure = e instanceof CharacterCodingException ? e : cannotWrite(target, e);
    try {
      discard(temporary);
    } catch (IOException cleanup) {
      failure.addSuppressed(cleanup);
    }
    return failure;
  }

  /** True for names that dataset readers ignore: temporary files and metadata side files. */
  public static boolean isHidden(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") || name.startsWith("_");
  }
}
