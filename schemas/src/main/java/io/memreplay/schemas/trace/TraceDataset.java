package io.memreplay.schemas.trace;

import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * An opened, checked trace dataset. {@link #open} reads the manifest and every file footer, so that a
 * dataset that opens has every file the manifest lists, with the columns its kind needs and the row
 * counts the manifest says. Row-level problems (unsorted timestamps, bad values) surface while reading,
 * as rejects.
 */
public final class TraceDataset {

  private final Path dir;
  private final TraceManifest manifest;

  private TraceDataset(Path dir, TraceManifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /**
   * Opens and checks the dataset in {@code dir}.
   *
   * @throws TraceFormatException naming the file and what is wrong with it
   */
  public static TraceDataset open(Path dir) throws TraceFormatException {
    if (!Files.isDirectory(dir)) {
      throw new TraceFormatException(dir + ": no such trace folder");
    }
    Path manifestFile = dir.resolve(TraceManifest.FILE_NAME);
    String json;
    try {
      json = Files.readString(manifestFile);
    } catch (NoSuchFileException e) {
      throw new TraceFormatException(dir + " is not a memreplay trace: " + TraceManifest.FILE_NAME
          + " is missing (a trace folder holds manifest.json and the folders accesses/, pagetable/, contents/, demand/)");
    } catch (IOException e) {
      throw new TraceFormatException(manifestFile + ": cannot be read (" + e.getMessage() + ")", e);
    }
    TraceManifest manifest = TraceManifest.parse(json, manifestFile.toString());
    TraceDataset dataset = new TraceDataset(dir, manifest);
    for (RecordKind kind : RecordKind.values()) {
      dataset.checkFiles(kind);
    }
    return dataset;
  }

  private void checkFiles(RecordKind kind) throws TraceFormatException {
    Set<String> listed = new HashSet<>();
    for (TraceManifest.FileEntry entry : manifest.files(kind)) {
      listed.add(entry.name());
      String source = source(kind, entry.name());
      try (ColumnarFileReader reader = ColumnarFileReader.open(file(kind, entry.name()), source, kind)) {
        if (reader.rows() != entry.events()) {
          throw new TraceFormatException(source + " holds " + reader.rows() + " rows but " + TraceManifest.FILE_NAME
              + " says " + entry.events() + ": the file is not the one the manifest describes");
        }
      } catch (TraceFormatException e) {
        throw e;
      } catch (IOException e) {
        throw new TraceFormatException(source + ": " + e.getMessage(), e);
      }
    }
    for (Path file : parquetFiles(dir.resolve(kind.table()))) {
      String name = file.getFileName().toString();
      if (!listed.contains(name)) {
        throw new TraceFormatException(source(kind, name) + " is not listed in " + TraceManifest.FILE_NAME
            + "; remove it, or rewrite the dataset so the manifest covers it");
      }
    }
  }

  /** The visible Parquet files of a folder; none when it does not exist. */
  private static List<Path> parquetFiles(Path folder) throws TraceFormatException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.parquet")) {
      for (Path file : files) {
        if (!AtomicFiles.isHidden(file)) {
          found.add(file);
        }
      }
    } catch (IOException e) {
      throw new TraceFormatException(folder + ": cannot be listed (" + e.getMessage() + ")", e);
    }
    return found;
  }

  public Path dir() {
    return dir;
  }

  public TraceManifest manifest() {
    return manifest;
  }

  /** The files of a kind, in time order. */
  public List<TraceManifest.FileEntry> files(RecordKind kind) {
    return manifest.files(kind);
  }

  Path file(RecordKind kind, String name) {
    return dir.resolve(kind.table()).resolve(name);
  }

  /** How a file is named in messages and rejects: relative to the dataset folder. */
  static String source(RecordKind kind, String name) {
    return kind.table() + "/" + name;
  }

  /** Opens a reader over all kinds, merged into time order. */
  public TraceReader reader(TraceReader.Options options) {
    return new TraceReader(this, options);
  }

  /** Recomputes the content digest from the files, to compare with {@link TraceManifest#digest()}. */
  public String computeDigest() throws IOException {
    return digest(dir, manifest.tables().keySet().stream().map(RecordKind::ofTable).toList(), manifest);
  }

  static String digest(Path dir, List<RecordKind> kinds, TraceManifest manifest) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    for (RecordKind kind : kinds) {
      for (TraceManifest.FileEntry entry : manifest.files(kind)) {
        sha.update((kind.table() + "/" + entry.name() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(dir.resolve(kind.table()).resolve(entry.name()))) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
          }
        }
      }
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }
}
