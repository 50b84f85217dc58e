package io.memreplay.ingest.imports.demand;

import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOutput;
import io.memreplay.schemas.trace.DemandColumns;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Imports a monitoring export (vCenter, Prometheus... as CSV) into a trace dataset whose {@code demand} table
 * holds one MemoryDemand sample per record, plus its scenario.
 *
 * <p>The file is read through DuckDB's CSV reader ({@link CsvScan}); {@link SampleParser} checks and converts
 * each record into the {@link DemandStaging}, which numbers the VMs, finds the periods and sorts the samples.
 * Every record that cannot be a sample goes to the trace's rejects with file, line and reason.
 */
public final class DemandCsvImporter {

  private static final int PROGRESS_ROWS = 1 << 14;
  /** The staging's one source: the CSV file. */
  private static final int SOURCE = 0;

  private DemandCsvImporter() {}

  /**
   * Imports the file {@code options} names into the trace folder {@code out}.
   *
   * @param progress told the number of records read so far
   * @throws ImportException when the file is missing or not CSV DuckDB can read, lacks a mapped column, holds
   *     no usable sample, or {@code out} cannot be used; the folder is then not a trace
   */
  public static DemandSummary run(DemandCsvOptions options, Path out, TraceDatasetWriter.Settings settings,
      LongConsumer progress) throws IOException, ImportException {
    Path file = options.file();
    ImportOutput.requireReadable(file);
    ColumnMap map;
    try {
      map = options.columnMap();
    } catch (IllegalArgumentException e) {
      throw new ImportException("--map " + options.map() + ": " + e.getMessage(), e);
    }
    if (map.needsConfigured() && map.configured() == null && options.guestMb() == 0) {
      throw new ImportException("--map " + options.map() + ": a percentage needs the VM's configured memory: map"
          + " configured_<unit>=COLUMN, or give --guest-mb");
    }
    try (DemandStaging staging = DemandStaging.open(List.of(file.toString()))) {
      long records = stage(options, map, staging, progress);
      DemandStaging.Target target = new DemandStaging.Target(out, settings, options.host(), options.guestMb(),
          options.hostMb(), options.periodNs(), "give --period or map period_s=COLUMN", command(options));
      return DemandSummary.of(staging.write(target, file.toString(), records), records);
    } catch (SQLException e) {
      throw new IOException("DuckDB failed while importing " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads every record of the file into {@code staging}; returns how many there were, the scan's rejects included. */
  private static long stage(DemandCsvOptions options, ColumnMap map, DemandStaging staging, LongConsumer progress)
      throws IOException, ImportException, SQLException {
    CsvScan scan = CsvScan.open(staging.db(), options.file(), map);
    SampleParser parser = new SampleParser(map, options.guestMb());
    int vmColumn = map.columns().indexOf(map.vm());
    long[] records = {0};
    long[] noObserved = new long[DemandColumns.OBSERVED_COLUMNS.size()];
    Arrays.fill(noObserved, -1);
    List<CsvScan.Reject> scanRejects = scan.read((line, values, isoTsNs) -> {
      try {
        Sample sample = parser.parse(values, isoTsNs);
        staging.add(new DemandStaging.Row(SOURCE, line, sample.vm(), sample.tsNs(), sample.periodNs(),
            sample.activePages(), sample.touchedPages(), sample.configuredPages(), noObserved));
      } catch (SampleParser.Problem problem) {
        staging.reject(SOURCE, line, values[vmColumn], problem.getMessage(), describe(map, values));
      }
      if (++records[0] % PROGRESS_ROWS == 0) {
        progress.accept(records[0]);
      }
    });
    for (CsvScan.Reject reject : scanRejects) {
      staging.reject(SOURCE, reject.line(), null, reject.reason(), reject.text());
    }
    progress.accept(records[0]);
    return records[0] + scanRejects.size();
  }

  /** The record's mapped values as {@code column=value} pairs, for the user to find it. */
  private static String describe(ColumnMap map, String[] values) {
    StringBuilder text = new StringBuilder();
    List<ColumnMap.Column> columns = map.columns();
    for (int i = 0; i < columns.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append('=').append(values[i] == null ? "" : values[i]);
    }
    return text.toString();
  }

  /** The manifest's created_by: the import as a command line. */
  private static String command(DemandCsvOptions options) {
    StringBuilder command = new StringBuilder("memreplay import demand-csv ").append(options.file())
        .append(" --map '").append(options.map()).append('\'');
    if (options.periodNs() != null) {
      command.append(" --period ").append(options.periodNs()).append("ns");
    }
    return command.toString();
  }
}
