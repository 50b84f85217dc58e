package io.memreplay.schemas.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a trace's data files were when they were checked: each one's size, modification time and identity
 * (device and inode where the file system has them). Verification proves the files as they were then; a
 * file written to or replaced afterwards, while a replay reads it, would have its new bytes replayed under
 * the run id of the verified ones. Comparing the stamps once the last row is read catches that, short of a
 * change that keeps size, modification time and file alike.
 */
final class FileStamps {

  private record Stamp(long size, FileTime modified, Object key) {}

  private final Map<Path, Stamp> stamps;

  private FileStamps(Map<Path, Stamp> stamps) {
    this.stamps = stamps;
  }

  /** The stamps of the data files {@code manifest} lists in {@code dir}; a file that cannot be read has none. */
  static FileStamps take(Path dir, TraceManifest manifest) {
    Map<Path, Stamp> stamps = new LinkedHashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      for (TraceManifest.FileEntry entry : manifest.files(kind)) {
        Path file = dir.resolve(kind.table()).resolve(entry.name());
        Stamp stamp = stampOf(file);
        if (stamp != null) {
          stamps.put(file, stamp);
        }
      }
    }
    return new FileStamps(stamps);
  }

  /** No stamps: a dataset whose files were taken as the manifest says, unchecked. */
  static FileStamps none() {
    return new FileStamps(Map.of());
  }

  /** Throws, naming the first file whose stamp changed since {@link #take}. */
  void requireUnchanged() throws TraceFormatException {
    for (Map.Entry<Path, Stamp> entry : stamps.entrySet()) {
      if (!entry.getValue().equals(stampOf(entry.getKey()))) {
        throw new TraceFormatException(entry.getKey() + ": changed after the trace was checked (another size, "
            + "modification time or file), so what was read of it is not what was verified; replay it again");
      }
    }
  }

  private static Stamp stampOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(attributes.size(), attributes.lastModifiedTime(), Objects.requireNonNullElse(
          attributes.fileKey(), file));
    } catch (IOException e) {
      return null;
    }
  }
}
