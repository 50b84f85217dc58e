package io.memreplay.cli;

import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import io.memreplay.schemas.trace.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Changes to copies of a trace dataset, for tests of what replay makes of them: rewriting a table's file
 * with DuckDB and describing it honestly in the manifest (counts, sizes, times, digest), or editing the
 * manifest alone to tell something else.
 */
final class TraceSurgery {

  private TraceSurgery() {}

  /** A copy of the dataset in {@code from}, with its scenario, in the new folder {@code to}. */
  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Files.copy(path, to.resolve(from.relativize(path).toString()));
      }
    }
    return to;
  }

  /**
   * Rewrites the single file of {@code kind} with a DuckDB SELECT over the original ({@code %s}), then writes
   * a manifest that describes the new file truthfully: row count, size, time range, span and digest. The
   * result is a dataset that passes full verification, whatever its rows hold.
   */
  static void rewrite(Path trace, RecordKind kind, String selectFromOriginal) throws Exception {
    TraceManifest manifest = manifest(trace);
    TraceManifest.FileEntry entry = manifest.files(kind).get(0);
    Path file = trace.resolve(kind.table()).resolve(entry.name());
    Path original = trace.resolve(kind.table() + ".original");
    Files.move(file, original);
    long rows;
    long first;
    long last;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
      sql.execute("COPY (" + String.format(selectFromOriginal, original) + ") TO '" + file + "' (FORMAT parquet)");
      try (ResultSet result = sql.executeQuery(
          "SELECT count(*), min(ts_ns), max(ts_ns) FROM read_parquet('" + file + "')")) {
        result.next();
        rows = result.getLong(1);
        first = result.getLong(2);
        last = result.getLong(3);
      }
    }
    Files.delete(original);
    TraceManifest.FileEntry rewritten = new TraceManifest.FileEntry(entry.name(), rows, Files.size(file), first, last,
        null);
    Map<String, TraceManifest.Table> tables = new LinkedHashMap<>(manifest.tables());
    tables.put(kind.table(), new TraceManifest.Table(rows, List.of(rewritten)));
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (TraceManifest.Table table : tables.values()) {
      for (TraceManifest.FileEntry each : table.files()) {
        start = Math.min(start, each.firstTsNs());
        end = Math.max(end, each.lastTsNs());
      }
    }
    write(trace, with(manifest, tables, start, end, manifest.digest()));
    TraceDataset trusted = TraceDataset.open(trace, Verification.TRUSTED, bytes -> {});
    write(trace, with(trusted.manifest(), tables, start, end, trusted.computeDigest()));
  }

  /** Rewrites the manifest as {@code change} says, files and digest left as they are. */
  static void editManifest(Path trace, UnaryOperator<TraceManifest> change) throws IOException {
    write(trace, change.apply(manifest(trace)));
  }

  /** The manifest with the files of {@code kind} as {@code change} makes them, and its event count to match. */
  static TraceManifest withFiles(TraceManifest manifest, RecordKind kind,
      UnaryOperator<List<TraceManifest.FileEntry>> change) {
    Map<String, TraceManifest.Table> tables = new LinkedHashMap<>(manifest.tables());
    List<TraceManifest.FileEntry> files = change.apply(new ArrayList<>(manifest.files(kind)));
    tables.put(kind.table(), new TraceManifest.Table(
        files.stream().mapToLong(TraceManifest.FileEntry::events).sum(), files));
    return with(manifest, tables, manifest.startNs(), manifest.endNs(), manifest.digest());
  }

  /** The manifest stating another span, files and digest as they are. */
  static TraceManifest withSpan(TraceManifest manifest, long startNs, long endNs) {
    return with(manifest, manifest.tables(), startNs, endNs, manifest.digest());
  }

  static TraceManifest withDigest(TraceManifest manifest, String digest) {
    return with(manifest, manifest.tables(), manifest.startNs(), manifest.endNs(), digest);
  }

  static TraceManifest manifest(Path trace) throws IOException {
    try {
      return TraceManifest.parse(Files.readString(trace.resolve(TraceManifest.FILE_NAME)), "manifest.json");
    } catch (io.memreplay.schemas.trace.TraceFormatException e) {
      throw new IOException(e);
    }
  }

  private static TraceManifest with(TraceManifest m, Map<String, TraceManifest.Table> tables, long start, long end,
      String digest) {
    return new TraceManifest(m.format(), m.formatVersion(), m.traceId(), m.timeUnit(), m.nominalTime(), m.host(),
        m.vms(), tables, start, end, digest, m.createdBy(), m.importRejects());
  }

  private static void write(Path trace, TraceManifest manifest) throws IOException {
    Files.writeString(trace.resolve(TraceManifest.FILE_NAME), manifest.toJson());
  }
}
