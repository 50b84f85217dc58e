package io.memreplay.ingest.imports.demand;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOutput;
import io.memreplay.ingest.imports.ImportScenario;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.DemandColumns;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Imports a monitoring export (vCenter, esxtop, Prometheus... as CSV) into a trace dataset whose {@code demand}
 * table holds one MemoryDemand sample per record, plus {@value TraceImporter#SCENARIO_FILE}.
 *
 * <p>The file is read through DuckDB's CSV reader ({@link CsvScan}); {@link SampleParser} checks and converts
 * each record, and the samples go into a DuckDB table, which then does what needs all of them: VM ids (names
 * sorted, so the same names always get the same ids), a second sample of one VM at one time rejected, periods
 * not given taken from the time since the VM's previous sample (its first sample: until its next), and the
 * order by ts_ns that the dataset needs. DuckDB sorts larger-than-memory tables on disk (in a temporary folder,
 * deleted afterwards), so memory stays bounded whatever the file's size.
 *
 * <p>Every record that cannot be a sample goes to the trace's rejects with file, line and reason.
 */
public final class DemandCsvImporter {

  public static final int REJECTS_SHOWN = 5;
  private static final int BLOCK_ROWS = 1 << 16;
  private static final int PROGRESS_ROWS = 1 << 14;
  private static final int REJECT_TEXT_CHARS = 200;
  private static final String REJECT_REPLAY_ID = "import";
  private static final String REJECT_KIND = "line";
  /** DuckDB's memory before it spills to disk: a fraction of the machine, beside the JVM heap. */
  private static final String DUCKDB_MEMORY = "1GB";
  private static final long MB = 1 << 20;
  /** How a sample rejected in SQL is shown in the rejects' record column. */
  private static final String SAMPLE_TEXT = "'vm=' || vm_name || ', ts_ns=' || ts_ns || ', active_pages=' || active_pages";

  private final DemandCsvOptions options;
  private final ColumnMap map;
  private final Connection db;
  private final LongConsumer progress;

  private DemandCsvImporter(DemandCsvOptions options, ColumnMap map, Connection db, LongConsumer progress) {
    this.options = options;
    this.map = map;
    this.db = db;
    this.progress = progress;
  }

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
    Path temp = Files.createTempDirectory("memreplay-demand-");
    try (Connection db = connect(temp)) {
      return new DemandCsvImporter(options, map, db, progress).importInto(out, settings);
    } catch (SQLException e) {
      throw new IOException("DuckDB failed while importing " + file + ": " + e.getMessage(), e);
    } finally {
      deleteTree(temp);
    }
  }

  private DemandSummary importInto(Path out, TraceDatasetWriter.Settings settings)
      throws IOException, ImportException, SQLException {
    execute("CREATE TABLE samples (line BIGINT, vm_name VARCHAR, ts_ns BIGINT, period_ns BIGINT,"
        + " active_pages BIGINT, touched_pages BIGINT, configured_pages BIGINT)");
    execute("CREATE TABLE rejected (line BIGINT, vm_name VARCHAR, reason VARCHAR, record VARCHAR)");
    CsvScan scan = CsvScan.open(db, options.file(), map);
    long[] records = {0};
    List<CsvScan.DuckDbReject> duckDbRejects;
    // the appenders write through a second connection to the same database: a statement on the connection
    // that streams the records would end the stream
    try (DuckDBConnection writing = db.unwrap(DuckDBConnection.class).duplicate();
        DuckDBAppender samples = writing.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples");
        DuckDBAppender rejected = writing.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rejected")) {
      SampleParser parser = new SampleParser(map, options.guestMb());
      duckDbRejects = scan.read((line, values, isoTsNs) -> {
        try {
          Sample sample = parser.parse(values, isoTsNs);
          samples.beginRow().append(line).append(sample.vm()).append(sample.tsNs()).append(nullable(sample.periodNs()))
              .append(nullable(sample.activePages())).append(nullable(sample.touchedPages()))
              .append(nullable(sample.configuredPages())).endRow();
        } catch (SampleParser.Problem problem) {
          rejected.beginRow().append(line).append(values[map.columns().indexOf(map.vm())])
              .append(problem.getMessage()).append(describe(values)).endRow();
        }
        if (++records[0] % PROGRESS_ROWS == 0) {
          progress.accept(records[0]);
        }
      });
      for (CsvScan.DuckDbReject reject : duckDbRejects) {
        rejected.beginRow().append(reject.line()).appendNull().append("DuckDB's CSV reader: " + reject.reason())
            .append(truncate(reject.text())).endRow();
      }
    }
    progress.accept(records[0]);
    rejectRepeatsAndUnknownPeriods();
    execute("CREATE TABLE vms AS SELECT (row_number() OVER (ORDER BY vm_name) - 1)::INTEGER AS vm, vm_name,"
        + " count(*) AS samples, max(active_pages) AS peak_active, max(greatest(active_pages,"
        + " coalesce(touched_pages, 0))) AS peak_pages, max(configured_pages) AS configured_pages"
        + " FROM timed WHERE period IS NOT NULL GROUP BY vm_name");
    List<DemandSummary.VmSummary> vms = vms();
    if (vms.isEmpty()) {
      throw new ImportException(options.file() + ": no usable sample in it (records: " + (records[0]
          + duckDbRejects.size()) + ", all rejected; the first: " + firstRejects().stream().map(r -> "line "
          + r.line() + ": " + r.reason()).findFirst().orElse("none") + ")");
    }
    String traceId = out.toAbsolutePath().normalize().getFileName().toString();
    List<TraceManifest.Vm> manifestVms = vms.stream().map(vm -> new TraceManifest.Vm(vm.id(), vm.name())).toList();
    TraceDatasetWriter.Header header = new TraceDatasetWriter.Header(traceId, options.host(), manifestVms, false,
        command());
    try (TraceDatasetWriter writer = ImportOutput.create(out, header, settings)) {
      long samples = writeSamples(writer);
      long rejectedCount = writeRejects(writer);
      TraceManifest manifest = writer.finish();
      long[] memoryMb = vms.stream().mapToLong(DemandSummary.VmSummary::memoryMb).toArray();
      Scenario scenario = ImportScenario.of(traceId, options.host(), manifestVms, memoryMb, options.hostMb());
      AtomicFiles.writeString(out.resolve(TraceImporter.SCENARIO_FILE), ConfigYaml.toYaml(scenario));
      return new DemandSummary(manifest, scenario, records[0] + duckDbRejects.size(), samples, rejectedCount, vms,
          firstRejects());
    }
  }

  /**
   * A second sample of one VM at one time cannot be placed: the later line goes. A sample whose period is
   * neither in the file nor given takes the time since the VM's previous sample; a VM's only sample has none.
   */
  private void rejectRepeatsAndUnknownPeriods() throws SQLException {
    execute("CREATE TABLE firsts AS SELECT *, row_number() OVER (PARTITION BY vm_name, ts_ns ORDER BY line) AS copy,"
        + " min(line) OVER (PARTITION BY vm_name, ts_ns) AS first_line FROM samples");
    execute("INSERT INTO rejected SELECT line, vm_name, 'VM ''' || vm_name || ''' has another sample at the same time,"
        + " on line ' || first_line, " + SAMPLE_TEXT + " FROM firsts WHERE copy > 1");
    String fixed = options.periodNs() == null ? "NULL" : Long.toString(options.periodNs());
    execute("CREATE TABLE timed AS SELECT *, coalesce(period_ns, " + fixed + ", ts_ns - lag(ts_ns) OVER w,"
        + " lead(ts_ns) OVER w - ts_ns) AS period FROM firsts WHERE copy = 1"
        + " WINDOW w AS (PARTITION BY vm_name ORDER BY ts_ns)");
    execute("INSERT INTO rejected SELECT line, vm_name, 'the sampling period is unknown: VM ''' || vm_name || ''' has"
        + " this one sample; give --period or map period_s=COLUMN', " + SAMPLE_TEXT + " FROM timed WHERE period IS NULL");
  }

  private List<DemandSummary.VmSummary> vms() throws SQLException {
    List<DemandSummary.VmSummary> vms = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT vm, vm_name, samples, peak_active, peak_pages, configured_pages FROM vms ORDER BY vm")) {
      while (rows.next()) {
        long configured = rows.getLong(6);
        long memoryMb = options.guestMb() != DemandCsvOptions.GUEST_MB_FROM_SAMPLES ? options.guestMb()
            : !rows.wasNull() ? (configured * MemoryUnit.PAGE_BYTES + MB - 1) / MB
            : ImportScenario.guestMbFor(rows.getLong(5));
        vms.add(new DemandSummary.VmSummary(rows.getInt(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
            memoryMb));
      }
    }
    return vms;
  }

  /** Streams the samples in (ts_ns, vm) order, unique after the repeats went, into the demand table. */
  private long writeSamples(TraceDatasetWriter writer) throws SQLException, IOException {
    DemandColumns block = new DemandColumns(BLOCK_ROWS);
    long written = 0;
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT t.ts_ns, v.vm, t.period, t.active_pages, t.touched_pages FROM timed t JOIN vms v USING (vm_name)"
            + " ORDER BY t.ts_ns, v.vm")) {
      while (rows.next()) {
        int row = block.size();
        block.tsNs[row] = rows.getLong(1);
        block.vm[row] = rows.getInt(2);
        block.periodNs[row] = rows.getLong(3);
        block.activePages[row] = rows.getLong(4);
        long touched = rows.getLong(5);
        block.touchedPages[row] = rows.wasNull() ? Columns.NULL : touched;
        block.setSize(row + 1);
        if (block.remaining() == 0) {
          writer.write(block);
          written += block.size();
          block.clear();
        }
      }
    }
    writer.write(block);
    return written + block.size();
  }

  /** The rejects by line (a line's own problem before a repeat found later), with the VM id where known. */
  private long writeRejects(TraceDatasetWriter writer) throws SQLException, IOException {
    long count = 0;
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT r.line, v.vm, r.reason, coalesce(r.record, '') FROM rejected r LEFT JOIN vms v USING (vm_name)"
            + " ORDER BY r.line, r.reason")) {
      while (rows.next()) {
        int vm = rows.getInt(2);
        Integer vmId = rows.wasNull() ? null : vm;
        writer.reject(Reject.newBuilder().setReplayId(REJECT_REPLAY_ID).setSource(options.file().toString())
            .setPosition(rows.getLong(1)).setKind(REJECT_KIND).setVm(vmId).setReason(rows.getString(3))
            .setRecord(rows.getString(4)).build());
        count++;
      }
    }
    return count;
  }

  private List<DemandSummary.RejectedLine> firstRejects() throws SQLException {
    List<DemandSummary.RejectedLine> first = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT line, reason FROM rejected ORDER BY line, reason LIMIT " + REJECTS_SHOWN)) {
      while (rows.next()) {
        first.add(new DemandSummary.RejectedLine(rows.getLong(1), rows.getString(2)));
      }
    }
    return first;
  }

  /** The record's mapped values as {@code column=value} pairs, for the user to find it. */
  private String describe(String[] values) {
    StringBuilder text = new StringBuilder();
    List<ColumnMap.Column> columns = map.columns();
    for (int i = 0; i < columns.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(columns.get(i).name()).append('=').append(values[i] == null ? "" : values[i]);
    }
    return truncate(text.toString());
  }

  private static String truncate(String text) {
    return text == null ? "" : text.length() <= REJECT_TEXT_CHARS ? text : text.substring(0, REJECT_TEXT_CHARS);
  }

  private static Long nullable(long value) {
    return value < 0 ? null : value;
  }

  /** The manifest's created_by: the import as a command line. */
  private String command() {
    StringBuilder command = new StringBuilder("memreplay import demand-csv ").append(options.file())
        .append(" --map '").append(options.map()).append('\'');
    if (options.periodNs() != null) {
      command.append(" --period ").append(options.periodNs()).append("ns");
    }
    return command.toString();
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  /** An in-memory DuckDB that spills to {@code temp}, streams results and reads times in UTC. */
  private static Connection connect(Path temp) throws IOException {
    Properties properties = new Properties();
    properties.setProperty(DuckDBDriver.JDBC_STREAM_RESULTS, "true");
    try {
      Connection db = DriverManager.getConnection("jdbc:duckdb:", properties);
      try (Statement statement = db.createStatement()) {
        statement.execute("SET temp_directory = '" + temp.toString().replace("'", "''") + "'");
        statement.execute("SET memory_limit = '" + DUCKDB_MEMORY + "'");
        statement.execute("SET TimeZone = 'UTC'");
      }
      return db;
    } catch (SQLException e) {
      throw new IOException("could not start an in-memory DuckDB: " + e.getMessage(), e);
    }
  }


  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
