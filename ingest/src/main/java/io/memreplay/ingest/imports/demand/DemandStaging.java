package io.memreplay.ingest.imports.demand;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOutput;
import io.memreplay.ingest.imports.ImportScenario;
import io.memreplay.ingest.imports.InputRejects;
import io.memreplay.ingest.imports.RejectedLine;
import io.memreplay.ingest.imports.TraceImporter;
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
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Where the demand importers (monitoring CSV exports, esxtop) put the samples they read, in any order, before
 * they become a trace: a DuckDB table, which then does what needs all of them. VM ids are the names sorted (the
 * same names always get the same ids); a second sample of one VM at one time is rejected; a period not given
 * is the time since the VM's previous sample (its first sample: until its next); the samples are written in
 * the (ts_ns, vm) order the dataset needs. DuckDB sorts larger-than-memory tables on disk (in a temporary
 * folder, deleted on close), so memory stays bounded whatever the input's size.
 *
 * <p>Every input record that cannot be a sample is a reject, with its file, line and reason.
 */
public final class DemandStaging implements AutoCloseable {

  public static final int REJECTS_SHOWN = 5;

  private static final int BLOCK_ROWS = 1 << 16;
  /** DuckDB's memory before it spills to disk: a fraction of the machine, beside the JVM heap. */
  private static final String DUCKDB_MEMORY = "1GB";
  private static final long MB = 1 << 20;
  /** How a sample rejected in SQL is shown in the rejects' record column. */
  private static final String SAMPLE_TEXT = "'vm=' || vm_name || ', ts_ns=' || ts_ns || ', active_pages=' || active_pages";

  private final Path temp;
  private final Connection db;
  private final List<String> sources;
  private final DuckDBConnection writing;
  private final DuckDBAppender samples;
  private final DuckDBAppender rejected;
  private boolean appending = true;

  /**
   * One sample as an importer read it.
   *
   * @param source index into the staging's sources
   * @param periodNs the period the input gives, or -1 to take it from the samples' times
   * @param touchedPages -1 when unknown
   * @param configuredPages the VM's configured memory, or -1 when unknown
   * @param observed what the host did, in the order of {@link DemandColumns#OBSERVED_COLUMNS}; -1 where not recorded
   */
  public record Row(int source, long line, String vm, long tsNs, long periodNs, long activePages,
      long touchedPages, long configuredPages, long[] observed) {}

  /** What became of each VM: its id, name, samples and configured memory. */
  public record Vm(int id, String name, long samples, long peakActivePages, long memoryMb) {}

  /** What the staging wrote. */
  public record Written(TraceManifest manifest, Scenario scenario, long samples, long rejected, List<Vm> vms,
      List<RejectedLine> firstRejects) {}

  /**
   * How the trace is made from the samples.
   *
   * @param guestMb configured memory of every VM, or {@value DemandCsvOptions#GUEST_MB_FROM_SAMPLES} to take each
   *     VM's from its samples' configured memory, or else the most memory they show
   * @param hostMb the host's memory, or null for the sum of the VMs'
   * @param periodNs the sampling period of every sample without one, or null to take it from their times
   * @param periodAdvice what a VM with a single sample and no period needs, in the words of the importer's options
   */
  public record Target(Path out, TraceDatasetWriter.Settings settings, String host, long guestMb, Long hostMb,
      Long periodNs, String periodAdvice, String createdBy) {}

  private DemandStaging(Path temp, Connection db, List<String> sources) throws SQLException {
    this.temp = temp;
    this.db = db;
    this.sources = List.copyOf(sources);
    StringBuilder observed = new StringBuilder();
    for (String column : DemandColumns.OBSERVED_COLUMNS) {
      observed.append(", ").append(column).append(" BIGINT");
    }
    execute("CREATE TABLE samples (source INTEGER, line BIGINT, vm_name VARCHAR, ts_ns BIGINT, period_ns BIGINT,"
        + " active_pages BIGINT, touched_pages BIGINT, configured_pages BIGINT" + observed + ")");
    execute("CREATE TABLE rejected (source INTEGER, line BIGINT, vm_name VARCHAR, reason VARCHAR, record VARCHAR)");
    // the appenders write through a second connection to the same database: a statement on the first one, which
    // may be streaming the input's records, would end that stream
    writing = db.unwrap(DuckDBConnection.class).duplicate();
    samples = writing.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "samples");
    rejected = writing.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "rejected");
  }

  /**
   * A staging for samples read from {@code sources} (the input files as named, which rejects report), in an
   * in-memory DuckDB that spills to a temporary folder.
   */
  public static DemandStaging open(List<String> sources) throws IOException {
    Path temp = Files.createTempDirectory("memreplay-demand-");
    try {
      Connection db = connect(temp);
      try {
        return new DemandStaging(temp, db, sources);
      } catch (SQLException e) {
        db.close();
        throw new IOException("could not prepare DuckDB for the samples: " + e.getMessage(), e);
      }
    } catch (IOException | SQLException | RuntimeException e) {
      deleteTree(temp);
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  /** The DuckDB the staging keeps its tables in; an importer may read its input through it. */
  public Connection db() {
    return db;
  }

  public void add(Row sample) throws SQLException {
    samples.beginRow().append(sample.source()).append(sample.line()).append(sample.vm()).append(sample.tsNs())
        .append(nullable(sample.periodNs())).append(nullable(sample.activePages()))
        .append(nullable(sample.touchedPages())).append(nullable(sample.configuredPages()));
    for (int i = 0; i < DemandColumns.OBSERVED_COLUMNS.size(); i++) {
      samples.append(nullable(sample.observed()[i]));
    }
    samples.endRow();
  }

  /**
   * A record of {@code source} that cannot be a sample.
   *
   * @param vm the VM it belongs to, or null when not known
   * @param record the record's text, for the user to find it (cut to its first 200 characters)
   */
  public void reject(int source, long line, String vm, String reason, String record) throws SQLException {
    DuckDBAppender row = rejected.beginRow().append(source).append(line);
    (vm == null ? row.appendNull() : row.append(vm)).append(reason).append(InputRejects.shortened(record)).endRow();
  }

  /**
   * Writes the samples as the trace {@code target} describes, with its scenario.
   *
   * @param what how the input is named in the message when no sample is usable, e.g. the file
   * @throws ImportException when no sample is usable, or the output folder cannot be used
   */
  public Written write(Target target, String what, long records) throws IOException, ImportException, SQLException {
    stopAppending();
    rejectRepeatsAndUnknownPeriods(target.periodNs(), target.periodAdvice());
    execute("CREATE TABLE vms AS SELECT (row_number() OVER (ORDER BY vm_name) - 1)::INTEGER AS vm, vm_name,"
        + " count(*) AS samples, max(active_pages) AS peak_active, max(greatest(active_pages,"
        + " coalesce(touched_pages, 0))) AS peak_pages, max(configured_pages) AS configured_pages"
        + " FROM timed WHERE period IS NOT NULL GROUP BY vm_name");
    List<Vm> vms = vms(target.guestMb());
    if (vms.isEmpty() && records == 0) {
      throw new ImportException(what + ": no records in it, only a header");
    }
    if (vms.isEmpty()) {
      throw new ImportException(what + ": no usable sample in it (records: " + records + ", all rejected; the first: "
          + firstRejects().stream().map(r -> (sources.size() == 1 ? "" : r.source() + " ") + "line " + r.line() + ": "
              + r.reason()).findFirst().orElse("none") + ")");
    }
    String traceId = target.out().toAbsolutePath().normalize().getFileName().toString();
    List<TraceManifest.Vm> manifestVms = vms.stream().map(vm -> new TraceManifest.Vm(vm.id(), vm.name())).toList();
    TraceDatasetWriter.Header header = new TraceDatasetWriter.Header(traceId, target.host(), manifestVms, false,
        target.createdBy());
    try (TraceDatasetWriter writer = ImportOutput.create(target.out(), header, target.settings())) {
      long written = writeSamples(writer);
      long rejectedCount = writeRejects(writer);
      TraceManifest manifest = writer.finish();
      long[] memoryMb = vms.stream().mapToLong(Vm::memoryMb).toArray();
      Scenario scenario = ImportScenario.of(traceId, target.host(), manifestVms, memoryMb, target.hostMb());
      AtomicFiles.writeString(target.out().resolve(TraceImporter.SCENARIO_FILE), ConfigYaml.toYaml(scenario));
      return new Written(manifest, scenario, written, rejectedCount, vms, firstRejects());
    }
  }

  /**
   * A second sample of one VM at one time cannot be placed: the later one goes. A sample whose period is
   * neither in the input nor given takes the time since the VM's previous sample; a VM's only sample has none.
   */
  private void rejectRepeatsAndUnknownPeriods(Long periodNs, String periodAdvice) throws SQLException {
    execute("CREATE TABLE firsts AS SELECT *, row_number() OVER w AS copy, first(source) OVER w AS first_source,"
        + " first(line) OVER w AS first_line FROM samples WINDOW w AS (PARTITION BY vm_name, ts_ns ORDER BY source, line"
        + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)");
    execute("INSERT INTO rejected SELECT source, line, vm_name, 'VM ''' || vm_name || ''' has another sample at the"
        + " same time, on line ' || first_line || CASE WHEN first_source = source THEN '' ELSE ' of ' || "
        + sourceName("first_source") + " END, " + SAMPLE_TEXT + " FROM firsts WHERE copy > 1");
    String fixed = periodNs == null ? "NULL" : Long.toString(periodNs);
    execute("CREATE TABLE timed AS SELECT *, coalesce(period_ns, " + fixed + ", ts_ns - lag(ts_ns) OVER w,"
        + " lead(ts_ns) OVER w - ts_ns) AS period FROM firsts WHERE copy = 1"
        + " WINDOW w AS (PARTITION BY vm_name ORDER BY ts_ns)");
    execute("INSERT INTO rejected SELECT source, line, vm_name, 'the sampling period is unknown: VM ''' || vm_name"
        + " || ''' has this one sample; " + periodAdvice.replace("'", "''") + "', " + SAMPLE_TEXT
        + " FROM timed WHERE period IS NULL");
  }

  /** The file name of a source index, as SQL: the sources are few, so a CASE lists them. */
  private String sourceName(String column) {
    StringBuilder sql = new StringBuilder("CASE ").append(column);
    for (int i = 0; i < sources.size(); i++) {
      sql.append(" WHEN ").append(i).append(" THEN '").append(sources.get(i).replace("'", "''")).append('\'');
    }
    return sql.append(" END").toString();
  }

  private List<Vm> vms(long guestMb) throws SQLException {
    List<Vm> vms = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT vm, vm_name, samples, peak_active, peak_pages, configured_pages FROM vms ORDER BY vm")) {
      while (rows.next()) {
        long configured = rows.getLong(6);
        long memoryMb = guestMb != DemandCsvOptions.GUEST_MB_FROM_SAMPLES ? guestMb
            : !rows.wasNull() ? (configured * MemoryUnit.PAGE_BYTES + MB - 1) / MB
            : ImportScenario.guestMbFor(rows.getLong(5));
        vms.add(new Vm(rows.getInt(1), rows.getString(2), rows.getLong(3), rows.getLong(4), memoryMb));
      }
    }
    return vms;
  }

  /** Streams the samples in (ts_ns, vm) order, unique after the repeats went, into the demand table. */
  private long writeSamples(TraceDatasetWriter writer) throws SQLException, IOException {
    DemandColumns block = new DemandColumns(BLOCK_ROWS);
    long[][] observed = block.observedPages;
    StringBuilder observedColumns = new StringBuilder();
    for (String column : DemandColumns.OBSERVED_COLUMNS) {
      observedColumns.append(", t.").append(column);
    }
    long written = 0;
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT t.ts_ns, v.vm, t.period, t.active_pages, t.touched_pages" + observedColumns
            + " FROM timed t JOIN vms v USING (vm_name) ORDER BY t.ts_ns, v.vm")) {
      while (rows.next()) {
        int row = block.size();
        block.tsNs[row] = rows.getLong(1);
        block.vm[row] = rows.getInt(2);
        block.periodNs[row] = rows.getLong(3);
        block.activePages[row] = rows.getLong(4);
        block.touchedPages[row] = nullable(rows, 5);
        for (int i = 0; i < observed.length; i++) {
          observed[i][row] = nullable(rows, 6 + i);
        }
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

  /** The rejects by file and line (a line's own problem before a repeat found later), with the VM id where known. */
  private long writeRejects(TraceDatasetWriter writer) throws SQLException, IOException {
    long count = 0;
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT r.source, r.line, v.vm, r.reason, coalesce(r.record, '') FROM rejected r LEFT JOIN vms v"
            + " USING (vm_name) ORDER BY r.source, r.line, r.reason")) {
      while (rows.next()) {
        int vm = rows.getInt(3);
        Integer vmId = rows.wasNull() ? null : vm;
        writer.reject(InputRejects.of(sources.get(rows.getInt(1)), rows.getLong(2), InputRejects.LINE, vmId,
            rows.getString(4), rows.getString(5)));
        count++;
      }
    }
    return count;
  }

  private List<RejectedLine> firstRejects() throws SQLException {
    List<RejectedLine> first = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
        "SELECT source, line, reason FROM rejected ORDER BY source, line, reason LIMIT " + REJECTS_SHOWN)) {
      while (rows.next()) {
        first.add(new RejectedLine(sources.get(rows.getInt(1)), rows.getLong(2), rows.getString(3)));
      }
    }
    return first;
  }

  private static long nullable(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? Columns.NULL : value;
  }

  private static Long nullable(long value) {
    return value < 0 ? null : value;
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

  private void stopAppending() throws SQLException {
    if (appending) {
      appending = false;
      samples.close();
      rejected.close();
      writing.close();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      try {
        stopAppending();
      } finally {
        db.close();
      }
    } catch (SQLException e) {
      throw new IOException("closing DuckDB failed: " + e.getMessage(), e);
    } finally {
      deleteTree(temp);
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
