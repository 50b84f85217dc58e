package io.memreplay.schemas.trace;

import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongConsumer;

/**
 * An opened, checked trace dataset. {@link #open} reads and checks the manifest, then checks the files
 * against it as far as the {@link Verification} level asks: with {@link Verification#CHEAP} (the default
 * of {@link #open(Path)}) every file the manifest lists exists with its size, its row count and its ts_ns
 * range, and no other file sits in a table folder; {@link Verification#FULL} also recomputes the digests.
 * Row-level problems (unsorted timestamps, bad values) surface while reading, as rejects.
 */
public final class TraceDataset {

  /** Marks the identity of a dataset checked by sizes and footers only. */
  private static final String CHEAP_IDENTITY = "footers:";
  /** Marks the identity of a dataset whose files were not checked at all. */
  private static final String TRUSTED_IDENTITY = "trusted:";

  private final Path dir;
  private final TraceManifest manifest;
  private final Verification verification;
  private final String identity;
  private final FileStamps stamps;
  /** The digests being checked on a thread of their own ({@link #openDigestingAlongside}); null otherwise. */
  private final FutureTask<Void> digests;

  private TraceDataset(Path dir, TraceManifest manifest, Verification verification, String identity,
      FileStamps stamps, FutureTask<Void> digests) {
    this.dir = dir;
    this.manifest = manifest;
    this.verification = verification;
    this.identity = identity;
    this.stamps = stamps;
    this.digests = digests;
  }

  /**
   * Opens the dataset in {@code dir} and checks its files' sizes, row counts and footers.
   *
   * @throws TraceFormatException naming the file and what is wrong with it
   */
  public static TraceDataset open(Path dir) throws TraceFormatException {
    return open(dir, Verification.CHEAP, bytes -> {});
  }

  /**
   * Opens the dataset in {@code dir} and checks it as {@code verification} says.
   *
   * @param bytesRead with {@link Verification#FULL}, receives how many bytes were digested so far
   * @throws TraceFormatException naming the file and what is wrong with it, or saying that the manifest's
   *     digest is not the files'
   */
  public static TraceDataset open(Path dir, Verification verification, LongConsumer bytesRead)
      throws TraceFormatException {
    TraceDataset checked = openUnhashed(dir, verification);
    if (verification == Verification.FULL) {
      checked.checkDigests(bytesRead);
    }
    return checked;
  }

  /**
   * Opens the dataset for a reader that reads every row before it makes anything of them, as a replay does:
   * the checks are {@link #open}'s, but with {@link Verification#FULL} the SHA-256 of every byte is computed
   * on a thread of its own while the rows are read, instead of in a pass of its own before. The reader asks
   * {@link #requireVerified} after its last row, which waits for the digests; {@link #requireNotRefuted}
   * tells it sooner when they already failed.
   *
   * @throws TraceFormatException naming the file and what is wrong with it, for what is checked at once
   */
  public static TraceDataset openDigestingAlongside(Path dir, Verification verification) throws TraceFormatException {
    TraceDataset checked = openUnhashed(dir, verification);
    if (verification != Verification.FULL) {
      return checked;
    }
    FutureTask<Void> digests = new FutureTask<>(() -> {
      checked.checkDigests(bytes -> {});
      return null;
    });
    Thread thread = new Thread(digests, "digest " + dir.getFileName());
    // a daemon: a reader that stops early (a refused replay) does not keep the JVM alive for the digests
    thread.setDaemon(true);
    thread.start();
    return new TraceDataset(dir, checked.manifest, verification, checked.identity, checked.stamps, digests);
  }

  /**
   * The manifest read and the files checked against it, all but the digests: for {@link Verification#FULL}
   * the identity is already the manifest's digest, which {@link #checkDigests} proves.
   */
  private static TraceDataset openUnhashed(Path dir, Verification verification) throws TraceFormatException {
    TraceManifest manifest = readManifest(dir);
    if (verification == Verification.TRUSTED) {
      return new TraceDataset(dir, manifest, verification, TRUSTED_IDENTITY + manifest.digest(), FileStamps.none(),
          null);
    }
    // taken before the checks, so that a file changed while they read it is caught too
    FileStamps stamps = FileStamps.take(dir, manifest);
    TraceDataset checked = new TraceDataset(dir, manifest, verification, null, stamps, null);
    MessageDigest footers = TraceDigests.sha256();
    footers.update((manifest.digest() + "\n").getBytes(StandardCharsets.UTF_8));
    for (RecordKind kind : RecordKind.values()) {
      checked.checkFiles(kind, footers);
    }
    String identity = verification == Verification.CHEAP ? CHEAP_IDENTITY + TraceDigests.hex(footers) : manifest.digest();
    return new TraceDataset(dir, manifest, verification, identity, stamps, null);
  }

  /**
   * Throws when the data files are not what was verified: their digests, checked alongside the reading
   * ({@link #openDigestingAlongside}), differ from the manifest's, or a file was written to or replaced since
   * the dataset was opened (its size, modification time or file differ). A reader of a checked dataset asks
   * after its last row, so that rows read from other files never pass for the verified ones. A trusted
   * dataset was not checked, and has nothing to compare.
   */
  public void requireVerified() throws TraceFormatException {
    if (digests != null) {
      awaitDigests();
    }
    stamps.requireUnchanged();
  }

  /**
   * Throws when the digests checked alongside the reading are already known to differ from the manifest's,
   * without waiting for them: a reader asks now and then, so as not to read on through rows that cannot be
   * used.
   */
  public void requireNotRefuted() throws TraceFormatException {
    if (digests != null && digests.isDone()) {
      awaitDigests();
    }
  }

  private void awaitDigests() throws TraceFormatException {
    try {
      digests.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TraceFormatException(dir + ": interrupted while its digests were checked", e);
    } catch (ExecutionException e) {
      throw digestFailure(e);
    }
  }

  private TraceFormatException digestFailure(ExecutionException e) {
    if (e.getCause() instanceof Error error) {
      // out of memory, say: not a fault of the trace's, so not reported as one
      throw error;
    }
    if (e.getCause() instanceof TraceFormatException failure) {
      // a message of its own, thrown from the reader's thread, with the digest thread's trace as the cause
      return new TraceFormatException(failure.getMessage(), failure);
    }
    return new TraceFormatException(dir + ": its digests could not be checked (" + e.getCause() + ")", e.getCause());
  }

  private static TraceManifest readManifest(Path dir) throws TraceFormatException {
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
    return TraceManifest.parse(json, manifestFile.toString());
  }

  /** Checks each file of {@code kind} against its manifest entry, adding its size and footer to {@code footers}. */
  private void checkFiles(RecordKind kind, MessageDigest footers) throws TraceFormatException {
    Set<String> listed = new HashSet<>();
    for (TraceManifest.FileEntry entry : manifest.files(kind)) {
      listed.add(entry.name());
      String source = source(kind, entry.name());
      Path file = file(kind, entry.name());
      try (ColumnarFileReader reader = ColumnarFileReader.open(file, source, kind)) {
        String differs = "the file is not the one " + TraceManifest.FILE_NAME + " describes";
        if (reader.rows() != entry.events()) {
          throw new TraceFormatException(source + " holds " + reader.rows() + " rows but " + TraceManifest.FILE_NAME
              + " says " + entry.events() + ": " + differs);
        }
        long[] range = reader.tsRange();
        if (range != null && (range[0] != entry.firstTsNs() || range[1] != entry.lastTsNs())) {
          throw new TraceFormatException(source + ": its footer says ts_ns runs from " + range[0] + " to " + range[1]
              + " but " + TraceManifest.FILE_NAME + " says " + entry.firstTsNs() + " to " + entry.lastTsNs() + ": " + differs);
        }
        long bytes = Files.size(file);
        if (bytes != entry.bytes()) {
          throw new TraceFormatException(source + " has " + bytes + " bytes but " + TraceManifest.FILE_NAME
              + " says " + entry.bytes() + ": " + differs);
        }
        footers.update((source + "\n" + bytes + "\n").getBytes(StandardCharsets.UTF_8));
        footers.update(reader.footer());
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

  /** Recomputes every digest and names the first file, or else the manifest, that does not match. */
  private void checkDigests(LongConsumer bytesRead) throws TraceFormatException {
    TraceDigests digests;
    try {
      digests = TraceDigests.compute(dir, kindsOfDigest(), manifest, bytesRead);
    } catch (IOException e) {
      throw new TraceFormatException(dir + ": the files cannot be read to check their digest (" + e.getMessage() + ")", e);
    }
    boolean perFile = true;
    for (RecordKind kind : kindsOfDigest()) {
      for (TraceManifest.FileEntry entry : manifest.files(kind)) {
        String source = source(kind, entry.name());
        if (entry.sha256() == null) {
          perFile = false;
        } else if (!entry.sha256().equals(digests.files().get(source))) {
          throw new TraceFormatException(source + ": its content is not what " + TraceManifest.FILE_NAME
              + " recorded (its SHA-256 is " + digests.files().get(source) + ", the manifest says " + entry.sha256()
              + "): the file was changed or replaced after the trace was written");
        }
      }
    }
    if (!digests.trace().equals(manifest.digest())) {
      throw new TraceFormatException(TraceManifest.FILE_NAME + ": its digest " + manifest.digest()
          + " is not the digest of the files (" + digests.trace() + "): "
          + (perFile ? "every file matches its own digest, so the manifest's digest was changed"
              : "the manifest records no per-file digests (an older memreplay wrote it), so which file differs is"
                  + " unknown; sizes, row counts and footers all match"));
    }
  }

  /** The tables the digest covers, in the manifest's order. */
  private List<RecordKind> kindsOfDigest() {
    return manifest.tables().keySet().stream().map(RecordKind::ofTable).toList();
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

  /** How far the files were checked against the manifest when the dataset was opened. */
  public Verification verification() {
    return verification;
  }

  /**
   * What names the trace's content in run ids: the manifest's digest once verified in full; otherwise a
   * digest marked with how little was checked, so that runs of a dataset checked less never share an id
   * with (and never replace) runs of a verified one.
   */
  public String identity() {
    return identity;
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
    return TraceDigests.compute(dir, kindsOfDigest(), manifest, bytes -> {}).trace();
  }
}
