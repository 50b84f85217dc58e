package io.memreplay.ingest.imports.demand;

import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOutput;
import io.memreplay.ingest.imports.compression.Compression;
import io.memreplay.ingest.imports.compression.CorruptInputException;
import io.memreplay.ingest.imports.compression.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A CSV file read through DuckDB's CSV reader: {@code read_csv(..., auto_detect = true)} finds the delimiter,
 * quoting, header and preamble; every value is read as text ({@code all_varchar}) so that {@link SampleParser}
 * can say what is wrong with a bad one; records with the wrong number of fields are kept by DuckDB
 * ({@code store_rejects}) with its message. Records arrive in file order, each with its line number ({@link
 * LineNumbers}), which DuckDB does not give.
 *
 * <p>Reads the file three times: DuckDB counts records and line breaks inside values and collects its rejects,
 * {@link PhysicalLines} finds blank lines, then DuckDB streams the records. A gzip or zstd file is decompressed
 * on the fly by DuckDB, told the compression its first bytes show (DuckDB itself would go by the file name);
 * DuckDB reads no xz or bzip2, so those are refused with the command that converts them.
 */
final class CsvScan {

  /** One record DuckDB read. */
  interface RecordSink {
    /**
     * @param values the text of each mapped column, in the order of {@link ColumnMap#columns()}
     * @param isoTsNs DuckDB's reading of the timestamp column as TIMESTAMPTZ (ns), or null
     */
    void record(long line, String[] values, Long isoTsNs) throws IOException, SQLException;
  }

  /** A record DuckDB's reader rejected: its line, DuckDB's reason and the line's text. */
  record DuckDbReject(long line, String reason, String text) {}

  /** DuckDB's read_csv default {@code max_line_size}. */
  private static final int MAX_LINE_BYTES = 2_000_000;
  /** The most of DuckDB's first line of an error kept in ours. */
  private static final int MESSAGE_CHARS = 300;

  private final Connection db;
  private final Path file;
  private final Compression compression;
  private final ColumnMap map;
  private final List<String> header;

  private CsvScan(Connection db, Path file, Compression compression, ColumnMap map, List<String> header) {
    this.db = db;
    this.file = file;
    this.compression = compression;
    this.map = map;
    this.header = header;
  }

  /** Opens {@code file} with DuckDB and checks that it has the columns {@code map} names. */
  static CsvScan open(Connection db, Path file, ColumnMap map) throws IOException, ImportException {
    Compression compression = compressionOf(file);
    List<String> header = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet columns = statement.executeQuery("DESCRIBE SELECT * FROM " + readCsv(file, compression,
            "describe"))) {
      while (columns.next()) {
        header.add(columns.getString("column_name"));
      }
    } catch (SQLException e) {
      throw unreadable(file, e);
    }
    for (ColumnMap.Column column : map.columns()) {
      if (!header.contains(column.name())) {
        throw new ImportException(file + ": has no column '" + column.name() + "' (--map " + map.text() + "); its"
            + " columns: " + header.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ")));
      }
    }
    return new CsvScan(db, file, compression, map, header);
  }

  private static Compression compressionOf(Path file) throws IOException, ImportException {
    InputFiles.Input input = ImportOutput.openInput(file);
    input.content().close();
    Compression compression = input.compression();
    if (compression == Compression.XZ || compression == Compression.BZIP2) {
      throw new ImportException(file + ": is " + compression.label() + "-compressed, and DuckDB's CSV reader reads"
          + " plain, gzip and zstd files only; recompress it, e.g. " + (compression == Compression.XZ ? "xz" : "bzip2")
          + " -dc " + file + " | zstd -o " + file + ".zst");
    }
    return compression;
  }

  /** The file's columns, as DuckDB's reader named them. */
  List<String> header() {
    return header;
  }

  /**
   * Streams every record DuckDB delivers to {@code sink}, in file order, and returns the records DuckDB itself
   * rejected, with their line numbers in the file.
   */
  List<DuckDbReject> read(RecordSink sink) throws IOException, ImportException, SQLException {
    long records;
    long lineBreaks;
    String breaks = "length(concat_ws('', *COLUMNS(*))) - length(replace(concat_ws('', *COLUMNS(*)), chr(10), ''))";
    // into a table: DuckDB keeps a scan's rejects only when its result is not streamed
    try (Statement statement = db.createStatement()) {
      statement.execute("CREATE TABLE counted AS SELECT count(*) AS records, coalesce(sum(" + breaks + "), 0) AS"
          + " line_breaks FROM " + readCsv(file, compression, "counted"));
      try (ResultSet counts = statement.executeQuery("SELECT records, line_breaks FROM counted")) {
        counts.next();
        records = counts.getLong(1);
        lineBreaks = counts.getLong(2);
      }
    } catch (SQLException e) {
      throw unreadable(file, e);
    }
    List<DuckDbReject> rejects = duckDbRejects();
    long[] rejectLines = rejects.stream().mapToLong(DuckDbReject::line).toArray();
    // the non-blank lines DuckDB did not deliver or reject are its preamble and header, at the top
    long recordLines = records + rejects.size() + lineBreaks;
    PhysicalLines lines = physicalLines();
    long lead = lines.nonBlankLines() - recordLines;
    LineNumbers numbers = new LineNumbers(lines, Math.max(1, lines.lineOfNonBlank(Math.max(0, lead) + 1)), rejectLines);

    List<ColumnMap.Column> columns = map.columns();
    StringBuilder select = new StringBuilder("SELECT ").append(breaks);
    select.append(map.tsUnit() == TimeUnit.ISO ? ", epoch_ns(TRY_CAST(" + map.ts().sql() + " AS TIMESTAMPTZ))"
        : ", NULL");
    for (ColumnMap.Column column : columns) {
      select.append(", ").append(column.sql());
    }
    select.append(" FROM ").append(readCsv(file, compression, "streamed"));
    String[] values = new String[columns.size()];
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(select.toString())) {
      while (rows.next()) {
        long line = numbers.next(rows.getLong(1));
        long iso = rows.getLong(2);
        Long isoTsNs = rows.wasNull() ? null : iso;
        for (int i = 0; i < values.length; i++) {
          values[i] = rows.getString(3 + i);
        }
        sink.record(line, values, isoTsNs);
      }
    } catch (SQLException e) {
      throw unreadable(file, e);
    }
    long[] physical = numbers.rejectLines();
    List<DuckDbReject> numbered = new ArrayList<>();
    for (int i = 0; i < rejects.size(); i++) {
      numbered.add(new DuckDbReject(physical[i], rejects.get(i).reason(), rejects.get(i).text()));
    }
    return numbered;
  }

  /** The records the counting scan rejected, one per line, by line. */
  private List<DuckDbReject> duckDbRejects() throws SQLException {
    List<DuckDbReject> rejects = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet errors = statement.executeQuery("SELECT line, first(error_type::VARCHAR || ': ' || error_message"
            + " ORDER BY column_idx), first(csv_line ORDER BY column_idx) FROM counted_errors GROUP BY line"
            + " ORDER BY line")) {
      while (errors.next()) {
        rejects.add(new DuckDbReject(errors.getLong(1), errors.getString(2), errors.getString(3)));
      }
    }
    return rejects;
  }

  private PhysicalLines physicalLines() throws IOException, ImportException {
    try (InputStream content = ImportOutput.openInput(file).content()) {
      return PhysicalLines.scan(content);
    } catch (CorruptInputException e) {
      throw new ImportException(e.getMessage(), e);
    }
  }

  /** The read_csv call; each scan keeps its rejects in tables of its own, so that scans do not mix. */
  private static String readCsv(Path file, Compression compression, String scan) {
    String path = file.toAbsolutePath().toString().replace("'", "''");
    String codec = switch (compression) {
      case GZIP -> "gzip";
      case ZSTD -> "zstd";
      default -> "none";
    };
    return "read_csv('" + path + "', auto_detect = true, all_varchar = true, compression = '" + codec + "',"
        + " store_rejects = true, rejects_table = '" + scan + "_errors', rejects_scan = '" + scan + "_scans')";
  }

  /**
   * DuckDB's first line of what went wrong: the rest of its message repeats the offending line (megabytes, for
   * an overlong one), its sniffer's settings and the query, which are no help to the user.
   */
  private static ImportException unreadable(Path file, SQLException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    String first = message.lines().findFirst().orElse(message);
    if (first.length() > MESSAGE_CHARS) {
      first = first.substring(0, MESSAGE_CHARS) + "...";
    }
    String overlong = message.contains("Maximum line size") ? "; a line is longer than the "
        + MAX_LINE_BYTES / 1_000_000 + " MB DuckDB's CSV reader takes" : "";
    return new ImportException(file + ": DuckDB cannot read it as CSV: " + first + overlong, e);
  }
}
