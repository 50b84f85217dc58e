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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A CSV file read through DuckDB's CSV reader: {@code read_csv(..., auto_detect = true)} finds the delimiter,
 * quoting, header and preamble; every value is read as text ({@code all_varchar}) so that {@link SampleParser}
 * can say what is wrong with a bad one; records with the wrong number of fields are kept by DuckDB
 * ({@code store_rejects}) with its message, and records on a line over {@value #MAX_LINE_BYTES} bytes are
 * rejected here. Records arrive in file order, each with its line number ({@link LineNumbers}), which DuckDB
 * does not give.
 *
 * <p>Reads the file three times: DuckDB counts records and line breaks inside values and collects its rejects,
 * {@link PhysicalLines} finds blank and over-long lines, then DuckDB streams the records. A gzip or zstd file
 * is decompressed on the fly by DuckDB, told the compression its first bytes show (DuckDB itself would go by
 * the file name); DuckDB reads no xz or bzip2, so those are refused with the command that converts them.
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

  /** A record the scan did not deliver: its line, why (DuckDB's reason, or the line's length) and its text. */
  record Reject(long line, String reason, String text) {}

  /**
   * The longest line a record may be on (DuckDB's default {@code max_line_size}). A sample takes a few dozen
   * bytes: a longer line is damage (a lost line break, a blob), a reject like any record that is no sample.
   */
  private static final int MAX_LINE_BYTES = 2_000_000;
  /**
   * The {@code max_line_size} DuckDB is told, and its {@code buffer_size}, which must hold a line: the 32 MB
   * buffer its default gives, so memory is as before. DuckDB rejects an over-long line by itself only past the
   * rows its sniffer samples; among them, it refuses the whole file. So it reads lines up to this, and those
   * over {@link #MAX_LINE_BYTES} are rejected here, wherever they are. Only a line longer still, among the
   * first rows, refuses the file.
   */
  private static final int DUCKDB_MAX_LINE_BYTES = 16 * MAX_LINE_BYTES;
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
   * Streams the records DuckDB delivers to {@code sink}, in file order, and returns those it did not deliver
   * (DuckDB's rejects, and records on over-long lines), with their line numbers in the file.
   */
  List<Reject> read(RecordSink sink) throws IOException, ImportException, SQLException {
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
    List<Reject> rejects = duckDbRejects();
    long[] rejectLines = rejects.stream().mapToLong(Reject::line).toArray();
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
    List<Reject> rejected = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(select.toString())) {
      while (rows.next()) {
        long breaksInRecord = rows.getLong(1);
        long line = numbers.next(breaksInRecord);
        long iso = rows.getLong(2);
        Long isoTsNs = rows.wasNull() ? null : iso;
        for (int i = 0; i < values.length; i++) {
          values[i] = rows.getString(3 + i);
        }
        long overlongBytes = lines.overlongBytes(line, line + breaksInRecord);
        if (overlongBytes > 0) {
          rejected.add(overlong(line, overlongBytes, values));
        } else {
          sink.record(line, values, isoTsNs);
        }
      }
    } catch (SQLException e) {
      throw unreadable(file, e);
    }
    long[] physical = numbers.rejectLines();
    for (int i = 0; i < rejects.size(); i++) {
      rejected.add(new Reject(physical[i], rejects.get(i).reason(), rejects.get(i).text()));
    }
    return rejected;
  }

  /** The reject of a record on a line over {@link #MAX_LINE_BYTES}, with its mapped values (the start of them kept). */
  private static Reject overlong(long line, long bytes, String[] values) {
    String text = Arrays.stream(values).map(value -> value == null ? "" : value).collect(Collectors.joining(","));
    return new Reject(line, String.format("the line is %,d bytes long; a record's line may be at most %,d bytes", bytes,
        MAX_LINE_BYTES), text);
  }

  /** The records the counting scan rejected, one per line, by line. */
  private List<Reject> duckDbRejects() throws SQLException {
    List<Reject> rejects = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet errors = statement.executeQuery("SELECT line, first(error_type::VARCHAR || ': ' || error_message"
            + " ORDER BY column_idx), first(csv_line ORDER BY column_idx) FROM counted_errors GROUP BY line"
            + " ORDER BY line")) {
      while (errors.next()) {
        rejects.add(new Reject(errors.getLong(1), "DuckDB's CSV reader: " + errors.getString(2), errors.getString(3)));
      }
    }
    return rejects;
  }

  private PhysicalLines physicalLines() throws IOException, ImportException {
    try (InputStream content = ImportOutput.openInput(file).content()) {
      return PhysicalLines.scan(content, MAX_LINE_BYTES);
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
        + " max_line_size = " + DUCKDB_MAX_LINE_BYTES + ", buffer_size = " + DUCKDB_MAX_LINE_BYTES + ","
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
    String overlong = message.contains("Maximum line size") ? "; a line near the start is longer than the "
        + DUCKDB_MAX_LINE_BYTES / 1_000_000 + " MB DuckDB's CSV reader takes" : "";
    return new ImportException(file + ": DuckDB cannot read it as CSV: " + first + overlong, e);
  }
}
