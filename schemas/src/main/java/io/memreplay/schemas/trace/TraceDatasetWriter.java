package io.memreplay.schemas.trace;

import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes a trace dataset: the Parquet files of each kind as rows arrive, then on {@link #finish} the
 * digest and {@code manifest.json}. Until the manifest is written the folder is not a trace, so an
 * interrupted write never looks complete. Rows of each kind must arrive in ts_ns order.
 *
 * <p>Memory stays constant whatever the trace length: rows go to the current file of their kind, which
 * rolls over every {@link Settings#rowsPerFile} rows.
 *
 * <p>One writer at a time writes into a folder ({@link TraceFolderLock}). A folder that a stopped writer left
 * (no manifest, nothing but the trace's own files) is not a trace, so a new writer replaces it unasked.
 *
 * <p>An importer's unusable input lines go to {@value #REJECTS_FOLDER}/{@value #REJECTS_FILE_NAME} beside the
 * data (see {@link #reject}); the manifest counts them.
 */
public final class TraceDatasetWriter implements Closeable {

  /** What goes into the manifest besides the data. */
  public record Header(String traceId, String host, List<TraceManifest.Vm> vms, boolean nominalTime, String createdBy) {}

  /** Layout choices. */
  public record Settings(long rowsPerFile, boolean replaceExisting) {
    /** 64 Mi rows per file: about 0.5-1 GB of accesses, a unit that still copies and deletes handily. */
    public static final Settings DEFAULT = new Settings(1L << 26, false);

    public Settings replacing() {
      return new Settings(rowsPerFile, true);
    }
  }

  /** Where {@link #reject} keeps rejected input: a folder of the trace that is not a table. */
  public static final String REJECTS_FOLDER = "rejects";
  public static final String REJECTS_FILE_NAME = "part-00000.parquet";

  /** The folders a writer makes: one per table, and the rejects'. */
  private static final Set<String> TRACE_FOLDERS = Stream.concat(
      Stream.of(RecordKind.values()).map(RecordKind::table), Stream.of(REJECTS_FOLDER)).collect(Collectors.toSet());
  /** A data file as a writer names it, published or still under its temporary name. */
  private static final Pattern DATA_FILE = Pattern.compile("\\.?part-\\d{5}\\.parquet(\\.tmp)?");

  private final Path dir;
  private final Header header;
  private final Settings settings;
  private final TraceFolderLock lock;
  private final Set<Integer> vmIds = new HashSet<>();
  private final Map<RecordKind, KindFiles> kinds = new EnumMap<>(RecordKind.class);
  private final Map<RecordKind, Columns> single = new EnumMap<>(RecordKind.class);
  /** Opened by the first reject. */
  private ParquetWriter<Reject> rejects;
  private long rejected;
  private boolean finished;

  private TraceDatasetWriter(Path dir, Header header, Settings settings, TraceFolderLock lock) {
    this.dir = dir;
    this.header = header;
    this.settings = settings;
    this.lock = lock;
    for (TraceManifest.Vm vm : header.vms()) {
      vmIds.add(vm.id());
    }
  }

  /**
   * Starts a dataset in {@code dir}, which must be absent, empty or what a stopped writer left, unless
   * {@code settings} replace an existing trace there.
   *
   * @throws TraceFolderException when the folder holds something else, or another writer is writing there
   */
  public static TraceDatasetWriter create(Path dir, Header header, Settings settings) throws IOException {
    Files.createDirectories(dir);
    TraceFolderLock lock = TraceFolderLock.take(dir);
    try {
      clear(dir, settings);
      return new TraceDatasetWriter(dir, header, settings, lock);
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Empties {@code dir} for a new trace, or refuses to. */
  private static void clear(Path dir, Settings settings) throws IOException {
    List<Path> entries;
    try (Stream<Path> listed = Files.list(dir)) {
      entries = listed.filter(entry -> !entry.getFileName().toString().equals(TraceFolderLock.FILE_NAME)).toList();
    }
    if (entries.isEmpty()) {
      return;
    }
    boolean trace = Files.exists(dir.resolve(TraceManifest.FILE_NAME));
    if (settings.replaceExisting() || !trace && leftByStoppedWriter(entries)) {
      removeTrace(dir);
    } else {
      throw new TraceFolderException(dir + " already exists and is not empty; remove it or choose another folder"
          + (trace ? ", or replace the trace with --force" : ""));
    }
  }

  /** Whether {@code entries} are only folders of the trace's tables and rejects holding only data files, as written. */
  private static boolean leftByStoppedWriter(List<Path> entries) throws IOException {
    for (Path entry : entries) {
      if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || !TRACE_FOLDERS.contains(entry.getFileName().toString())) {
        return false;
      }
      try (Stream<Path> files = Files.list(entry)) {
        if (!files.allMatch(file -> DATA_FILE.matcher(file.getFileName().toString()).matches()
            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
          return false;
        }
      }
    }
    return true;
  }

  public Path dir() {
    return dir;
  }

  /** Appends all rows of {@code block}. */
  public void write(Columns block) throws IOException {
    write(block, 0, block.size());
  }

  /** Appends rows {@code [from, from + count)} of {@code block}. */
  public void write(Columns block, int from, int count) throws IOException {
    if (finished) {
      throw new IllegalStateException("dataset already finished");
    }
    if (count == 0) {
      return;
    }
    kinds.computeIfAbsent(block.kind(), KindFiles::new).write(block, from, count);
  }

  /** Appends one Avro record of any trace kind; for importers and tests, not for bulk data. */
  public void write(SpecificRecordBase record) throws IOException {
    RecordKind kind = kindOf(record);
    Columns one = single.computeIfAbsent(kind, k -> k.newColumns(1));
    one.clear();
    one.add(record);
    write(one);
  }

  private static RecordKind kindOf(SpecificRecordBase record) {
    for (RecordKind kind : RecordKind.values()) {
      if (kind.layout().schema().equals(record.getSchema())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(record.getSchema().getFullName() + " is not a trace record kind");
  }

  /**
   * Keeps an input record that could not become a row (an importer's malformed line), so that nothing
   * is dropped silently. The rejects are not trace data: they are outside the tables and the digest.
   */
  public void reject(Reject reject) throws IOException {
    if (finished) {
      throw new IllegalStateException("dataset already finished");
    }
    if (rejects == null) {
      Files.createDirectories(rejectsFile().getParent());
      rejects = ParquetFiles.avroWriter(AtomicFiles.temporaryFor(rejectsFile()), Reject.getClassSchema());
    }
    rejects.write(reject);
    rejected++;
  }

  /** Closes all files, computes the digests (the trace's and each file's) and writes the manifest. */
  public TraceManifest finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("dataset already finished");
    }
    TraceManifest.ImportRejects importRejects = publishRejects();
    Map<RecordKind, List<TraceManifest.FileEntry>> files = new EnumMap<>(RecordKind.class);
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (KindFiles kind : kinds.values()) {
      kind.closeFile();
      files.put(kind.kind, kind.entries);
      if (kind.rows > 0) {
        start = Math.min(start, kind.firstTs);
        end = Math.max(end, kind.lastTs);
      }
    }
    if (start == Long.MAX_VALUE) {
      start = 0;
      end = 0;
    }
    TraceManifest draft = manifest(files, start, end, null, importRejects);
    TraceDigests digests = TraceDigests.compute(dir, List.of(RecordKind.values()), draft, bytes -> {});
    for (Map.Entry<RecordKind, List<TraceManifest.FileEntry>> kind : files.entrySet()) {
      kind.setValue(kind.getValue().stream().map(entry -> new TraceManifest.FileEntry(entry.name(), entry.events(),
          entry.bytes(), entry.firstTsNs(), entry.lastTsNs(),
          digests.files().get(TraceDataset.source(kind.getKey(), entry.name())))).toList());
    }
    TraceManifest manifest = manifest(files, start, end, digests.trace(), importRejects);
    AtomicFiles.writeString(dir.resolve(TraceManifest.FILE_NAME), manifest.toJson());
    finished = true;
    lock.close();
    return manifest;
  }

  /** Renames the rejects file into place; null when nothing was rejected. */
  private TraceManifest.ImportRejects publishRejects() throws IOException {
    if (rejects == null) {
      return null;
    }
    rejects.close();
    AtomicFiles.publish(AtomicFiles.temporaryFor(rejectsFile()), rejectsFile());
    return new TraceManifest.ImportRejects(rejected, REJECTS_FOLDER + "/" + REJECTS_FILE_NAME);
  }

  private Path rejectsFile() {
    return dir.resolve(REJECTS_FOLDER).resolve(REJECTS_FILE_NAME);
  }

  private TraceManifest manifest(Map<RecordKind, List<TraceManifest.FileEntry>> files, long start, long end,
      String digest, TraceManifest.ImportRejects importRejects) {
    return new TraceManifest(TraceManifest.FORMAT, TraceManifest.FORMAT_VERSION, header.traceId(),
        TraceManifest.TIME_UNIT, header.nominalTime(), header.host(), List.copyOf(header.vms()),
        TraceManifest.tablesOf(files), start, end, digest, header.createdBy(), importRejects);
  }

  /**
   * Without {@link #finish}, drops the unfinished file of each kind, the rejects and the lock's file: nothing
   * of this writer's stays, and the folder holds no trace.
   */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    IOException failure = null;
    for (KindFiles kind : kinds.values()) {
      try {
        kind.abort();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (rejects != null) {
      try {
        rejects.close();
        AtomicFiles.discard(AtomicFiles.temporaryFor(rejectsFile()));
        // the folder too: left empty, it would make the folder a non-trace that the next import refuses
        deleteIfEmpty(rejectsFile().getParent());
      } catch (IOException e) {
        failure = e;
      }
    }
    finished = true;
    try {
      lock.closeAndDelete();
    } catch (IOException e) {
      failure = e;
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void deleteIfEmpty(Path folder) throws IOException {
    try {
      Files.deleteIfExists(folder);
    } catch (DirectoryNotEmptyException e) {
      // something not of this writer's is there: it stays
    }
  }

  /** Deletes what a previous trace left in {@code dir}: the manifest first, so it stops being a trace. */
  private static void removeTrace(Path dir) throws IOException {
    if (!Files.exists(dir.resolve(TraceManifest.FILE_NAME)) && !containsTraceTables(dir)) {
      throw new TraceFolderException(dir + " is not empty and does not hold a memreplay trace; refusing to replace it");
    }
    Files.deleteIfExists(dir.resolve(TraceManifest.FILE_NAME));
    for (String name : TRACE_FOLDERS) {
      Path folder = dir.resolve(name);
      if (Files.isDirectory(folder)) {
        try (Stream<Path> tree = Files.walk(folder)) {
          for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  private static boolean containsTraceTables(Path dir) {
    for (RecordKind kind : RecordKind.values()) {
      if (Files.isDirectory(dir.resolve(kind.table()))) {
        return true;
      }
    }
    return false;
  }

  /** The files of one kind: the one being written and those already finished. */
  private final class KindFiles {
    final RecordKind kind;
    final List<TraceManifest.FileEntry> entries = new ArrayList<>();
    ColumnarFileWriter current;
    long fileFirstTs;
    long rows;
    long firstTs;
    long lastTs = Long.MIN_VALUE;

    KindFiles(RecordKind kind) {
      this.kind = kind;
    }

    void write(Columns block, int from, int count) throws IOException {
      check(block, from, count);
      if (rows == 0) {
        firstTs = block.tsNs[from];
      }
      int done = 0;
      while (done < count) {
        if (current == null) {
          Path folder = dir.resolve(kind.table());
          Files.createDirectories(folder);
          current = new ColumnarFileWriter(folder.resolve(String.format("part-%05d.parquet", entries.size())), kind);
          fileFirstTs = block.tsNs[from + done];
        }
        int n = (int) Math.min(count - done, settings.rowsPerFile() - current.rows());
        current.write(block, from + done, n);
        done += n;
        rows += n;
        lastTs = block.tsNs[from + done - 1];
        if (current.rows() == settings.rowsPerFile()) {
          closeFile();
        }
      }
    }

    private void check(Columns block, int from, int count) {
      long previous = lastTs;
      for (int i = from; i < from + count; i++) {
        long ts = block.tsNs[i];
        if (ts < previous) {
          throw new IllegalArgumentException(kind.table() + " rows must be written in ts_ns order: "
              + block.describe(i) + " comes after ts_ns=" + previous);
        }
        if (!vmIds.contains(block.vm[i])) {
          throw new IllegalArgumentException(kind.table() + " row for vm " + block.vm[i]
              + ", which the dataset header does not list: " + block.describe(i));
        }
        String problem = block.invalid(i);
        if (problem != null) {
          throw new IllegalArgumentException(kind.table() + " row is invalid: " + problem + ": " + block.describe(i));
        }
        previous = ts;
      }
    }

    void closeFile() throws IOException {
      if (current == null) {
        return;
      }
      current.close();
      Path file = current.target();
      entries.add(new TraceManifest.FileEntry(file.getFileName().toString(), current.rows(), Files.size(file),
          fileFirstTs, lastTs, null));
      current = null;
    }

    /** Drops the file being written, the files finished, and the kind's folder: an unfinished import leaves nothing. */
    void abort() throws IOException {
      if (current != null) {
        current.abort();
        current = null;
      }
      Path folder = dir.resolve(kind.table());
      for (TraceManifest.FileEntry entry : entries) {
        Files.deleteIfExists(folder.resolve(entry.name()));
      }
      deleteIfEmpty(folder);
    }
  }
}
