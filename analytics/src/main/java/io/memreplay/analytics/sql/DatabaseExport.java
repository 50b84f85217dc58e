package io.memreplay.analytics.sql;

import io.memreplay.analytics.results.ResultTable;
import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes a small DuckDB database file that holds the views of {@link ResultsDatabase} and no data, so that
 * DuckDB's own CLI, a notebook or any DuckDB client sees {@code runs}, {@code vm_intervals}, ... directly.
 *
 * <p>A results folder inside the file's folder is named by a path relative to that folder, so the two can
 * be moved or shared together; DuckDB resolves relative paths against its working folder, so such a file is
 * opened from its own folder (or with {@code SET file_search_path} naming it). Other folders are named by
 * their absolute paths. Like {@link ResultsDatabase}, the views list the files on every query, so later runs
 * of a table that had files are seen; a table without files when the file is written stays empty.
 */
public final class DatabaseExport {

  /** What a DuckDB database file starts with: a checksum (8 bytes), then this. */
  private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
  private static final int MAGIC_OFFSET = 8;

  /**
   * What was written.
   *
   * @param views the views, one per result table
   * @param folders each results folder as the views name it: relative to the file's folder, or absolute
   * @param relativeFolders true when some folder is named relative to the file's folder: DuckDB must then be
   *     started there (or be told it with {@code SET file_search_path})
   */
  public record Written(Path file, List<String> views, List<String> folders, boolean relativeFolders) {}

  private DatabaseExport() {}

  /**
   * Writes the views over {@code resultsDirs} into {@code file}, through a temporary file, replacing a
   * DuckDB database already there (and refusing to replace any other file).
   */
  public static Written write(List<Path> resultsDirs, Path file) throws IOException, QueryException {
    Path target = file.toAbsolutePath().normalize();
    Path home = target.getParent();
    requireReplaceable(target);
    List<Path> dirs = ResultsDatabase.resultsDirs(resultsDirs);
    UnaryOperator<Path> naming = dir -> dir.startsWith(home) ? home.relativize(dir) : dir;
    Files.createDirectories(home);
    Path temporary = AtomicFiles.temporaryFor(target);
    Path temporaryWal = temporary.resolveSibling(temporary.getFileName() + ".wal");
    Files.deleteIfExists(temporary);
    Files.deleteIfExists(temporaryWal);
    try {
      try (ResultsDatabase database = new ResultsDatabase(
          ResultsDatabase.connect("jdbc:duckdb:" + temporary, "a DuckDB database file " + temporary))) {
        // DuckDB checks the globs as it creates the views: relative ones against the file's folder, as readers will
        database.execute("SET file_search_path = " + TableViews.literal(home.toString()));
        database.createViews(dirs, naming);
        database.execute("CHECKPOINT");
      }
      AtomicFiles.publish(temporary, target);
    } finally {
      AtomicFiles.discard(temporary);
      Files.deleteIfExists(temporaryWal);
    }
    List<Path> named = dirs.stream().map(naming).toList();
    return new Written(target, Arrays.stream(ResultTable.values()).map(ResultTable::folder).toList(),
        named.stream().map(dir -> dir.toString().isEmpty() ? "." : dir.toString()).toList(), named.stream().anyMatch(dir -> !dir.isAbsolute()));
  }

  private static void requireReplaceable(Path target) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isRegularFile(target) || !isDuckDb(target)) {
      throw new IOException(target + " exists and is not a DuckDB database; choose another file name");
    }
  }

  private static boolean isDuckDb(Path file) throws IOException {
    byte[] header = new byte[MAGIC_OFFSET + MAGIC.length];
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(header, 0, header.length) == header.length
          && Arrays.equals(header, MAGIC_OFFSET, header.length, MAGIC, 0, MAGIC.length);
    }
  }
}
