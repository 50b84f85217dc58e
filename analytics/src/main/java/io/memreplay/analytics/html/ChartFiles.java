package io.memreplay.analytics.html;

import io.memreplay.analytics.report.CannedReport;
import io.memreplay.analytics.report.ReportParameters;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The charts of the HTML report as image files, one per chart, named after it ({@code memory-breakdown.svg},
 * ...): SVG as the page draws it, or PNG rendered from that SVG. Each file is written through a temporary
 * file, so a file that is there is complete. The same results give the same files, byte for byte.
 */
public final class ChartFiles {

  /** The image formats. */
  public enum Format {
    SVG, PNG;

    String extension() {
      return "." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final ResultsDatabase database;

  /** Defines the report parameters and macros in {@code database}. */
  public ChartFiles(ResultsDatabase database, ReportParameters parameters) throws QueryException {
    this.database = database;
    parameters.apply(database);
  }

  /** The charts' names, in the page's order. */
  public static List<String> names() {
    return Charts.NAMES;
  }

  /**
   * Writes the charts named in {@code only} (all when empty) into {@code dir}, created if need be, and
   * returns the files in the page's order.
   */
  public List<Path> write(Path dir, Format format, List<String> only) throws IOException, QueryException {
    for (String name : only) {
      if (!Charts.NAMES.contains(name)) {
        throw new IllegalArgumentException("there is no chart '" + name + "'; the charts: " + String.join(", ", Charts.NAMES));
      }
    }
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    for (Figure figure : Charts.of(database, Charts.rows(database, CannedReport.RUN_COMPARISON.sql()))) {
      if (!only.isEmpty() && !only.contains(figure.name())) {
        continue;
      }
      StandaloneSvg.Document svg = StandaloneSvg.of(figure);
      byte[] bytes = format == Format.SVG ? svg.text().getBytes(StandardCharsets.UTF_8) : PngImage.of(svg.text(), svg.width());
      Path file = dir.resolve(figure.name() + format.extension());
      AtomicFiles.write(file, bytes);
      files.add(file);
    }
    return files;
  }
}
