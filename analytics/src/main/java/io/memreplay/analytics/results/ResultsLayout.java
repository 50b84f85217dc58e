package io.memreplay.analytics.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where each file of a results dataset lives (see the package documentation). Writers and readers both
 * ask this class, so the layout is decided in one place.
 */
public final class ResultsLayout {

  /** The column per-run tables are partitioned by. */
  public static final String PARTITION_COLUMN = "policy";

  private static final String EXTENSION = ".parquet";
  /** Ids and policy names become file and folder names: no separators, no leading dot (hidden). */
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path root;

  public ResultsLayout(Path root) {
    this.root = root;
  }

  /** True when the results folder has a {@code runs/} folder, the mark of a results dataset. */
  public boolean isResultsFolder() {
    return Files.isDirectory(tableFolder(ResultTable.RUNS));
  }

  /** The tables whose folders are missing: replay makes every one before its first run, so none should be. */
  public List<ResultTable> missingTables() {
    return Arrays.stream(ResultTable.values()).filter(table -> !Files.isDirectory(tableFolder(table))).toList();
  }

  public Path tableFolder(ResultTable table) {
    return root.resolve(table.folder());
  }

  /** The file of one run's rows of a per-run table. */
  public Path runFile(ResultTable table, String policy, String runId) {
    if (!table.perRun()) {
      throw new IllegalArgumentException(table + " is not written per run");
    }
    return tableFolder(table)
        .resolve(PARTITION_COLUMN + "=" + requireSafeName("policy", policy))
        .resolve(requireSafeName("run id", runId) + EXTENSION);
  }

  /** The file of one replay's rejected input records. */
  public Path rejectsFile(String replayId) {
    return tableFolder(ResultTable.REJECTS).resolve(requireSafeName("replay id", replayId) + EXTENSION);
  }

  /**
   * The glob matching every published file of {@code table}, at any partition depth. Temporary files end
   * in {@code .tmp}, so it never matches them.
   */
  public String glob(ResultTable table) {
    return tableFolder(table) + "/**/*" + EXTENSION;
  }

  /** True when {@link #glob} matches at least one file: DuckDB refuses a glob that matches nothing. */
  public boolean hasFiles(ResultTable table) throws IOException {
    Path folder = tableFolder(table);
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.anyMatch(file -> file.getFileName().toString().endsWith(EXTENSION) && Files.isRegularFile(file));
    }
  }

  static String requireSafeName(String what, String name) {
    if (name == null || !SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " must be letters, digits, '.', '_' or '-' (it names a file or folder), is '" + name + "'");
    }
    return name;
  }
}
