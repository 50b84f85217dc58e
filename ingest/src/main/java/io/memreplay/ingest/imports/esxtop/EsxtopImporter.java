package io.memreplay.ingest.imports.esxtop;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOutput;
import io.memreplay.ingest.imports.compression.CorruptInputException;
import io.memreplay.ingest.imports.demand.DemandCsvOptions;
import io.memreplay.ingest.imports.demand.DemandStaging;
import io.memreplay.ingest.imports.demand.DemandSummary;
import io.memreplay.schemas.trace.DemandColumns;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Imports esxtop batch files ({@code esxtop -b}, also {@code -a}) into a trace dataset whose {@code demand}
 * table holds, per VM and sample, what the VM demanded and what the host observed, plus its scenario (each VM
 * configured with its memory size, the host with the memory it recorded).
 *
 * <p>Each {@code Group Memory(GID:NAME)} with a memory size is a VM, by name. Per sample: {@code active_pages}
 * = %ACTV / 100 × MEMSZ; {@code touched_pages} = GRANT + MCTLSZ + SWCUR + ZIP (the guest pages backed, or
 * reclaimed after the guest touched them; at most MEMSZ, at least active), null without GRANT; the observed
 * columns are the counters as recorded (MB → 4 KB pages, rounded). The period is the time since the file's
 * previous row. A header record in the middle of a file starts a new column layout (VMs powered on or off
 * since, counters added), so files appended to one another read as one. Rows that cannot be used (cut short,
 * fields not matching the header, a bad time or value) go to the rejects with file, line and reason; an empty
 * value means the VM had no sample then.
 */
public final class EsxtopImporter {

  private static final double PAGES_PER_MB = 256;
  private static final int PROGRESS_ROWS = 64;
  /** PerfMon's time: month first, seconds, and maybe a fraction. */
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("MM/dd/yyyy HH:mm:ss")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();

  private final EsxtopOptions options;
  private final CounterNames names;
  private final DemandStaging staging;
  private final LongConsumer progress;
  private final double[] megabytes = new double[Counter.values().length];
  private final Set<String> notVms = new TreeSet<>();
  private final Set<String> vms = new TreeSet<>();
  private final Set<Counter> found = EnumSet.noneOf(Counter.class);
  private String host;
  private String hostSource;
  private long machineMb = -1;
  private long records;
  private long missingSamples;

  private EsxtopImporter(EsxtopOptions options, CounterNames names, DemandStaging staging, LongConsumer progress) {
    this.options = options;
    this.names = names;
    this.staging = staging;
    this.progress = progress;
  }

  /**
   * Imports the files {@code options} names into the trace folder {@code out}.
   *
   * @param progress told the number of rows read so far, of all files
   * @throws ImportException when a file is missing, not an esxtop batch file, of another host than the others,
   *     corrupt, or holds no usable sample, or {@code out} cannot be used; the folder is then not a trace
   */
  public static EsxtopSummary run(EsxtopOptions options, Path out, TraceDatasetWriter.Settings settings,
      LongConsumer progress) throws IOException, ImportException {
    ImportOutput.requireReadable(options.files());
    CounterNames names;
    try {
      names = new CounterNames(options.counters());
    } catch (IllegalArgumentException e) {
      throw new ImportException("--counter: " + e.getMessage(), e);
    }
    List<String> sources = options.files().stream().map(Path::toString).toList();
    try (DemandStaging staging = DemandStaging.open(sources)) {
      EsxtopImporter importer = new EsxtopImporter(options, names, staging, progress);
      for (int source = 0; source < sources.size(); source++) {
        importer.read(source, options.files().get(source));
      }
      progress.accept(importer.records);
      return importer.write(out, settings);
    } catch (SQLException e) {
      throw new IOException("DuckDB failed while importing " + sources + ": " + e.getMessage(), e);
    }
  }

  private EsxtopSummary write(Path out, TraceDatasetWriter.Settings settings)
      throws IOException, ImportException, SQLException {
    String traceHost = options.host() != null ? options.host() : host;
    Long hostMb = options.hostMb() != null ? options.hostMb() : machineMb > 0 ? Long.valueOf(machineMb) : null;
    // --period is every row's period already (see row): the staging only fills in the periods rows lack
    DemandStaging.Target target = new DemandStaging.Target(out, settings, traceHost,
        DemandCsvOptions.GUEST_MB_FROM_SAMPLES, hostMb, null, "give --period", command());
    String what = options.files().size() == 1 ? options.files().get(0).toString() : options.files().toString();
    DemandSummary demand = DemandSummary.of(staging.write(target, what, records), records);
    List<String> observedFound = new ArrayList<>();
    List<String> observedMissing = new ArrayList<>();
    for (Counter counter : Counter.values()) {
      if (counter.observedIndex() >= 0) {
        if (found.contains(counter)) {
          observedFound.add(counter.key());
        } else {
          observedMissing.add(counter.key() + " (looked for " + names.namesOf(counter) + ")");
        }
      }
    }
    notVms.removeAll(vms);
    return new EsxtopSummary(demand, traceHost, machineMb > 0 ? machineMb : null, List.copyOf(notVms),
        missingSamples, observedFound, observedMissing);
  }

  private void read(int source, Path file) throws IOException, ImportException, SQLException {
    try (PdhCsvReader reader = new PdhCsvReader(ImportOutput.openInput(file).content())) {
      Layout layout = null;
      long previousTsNs = Long.MIN_VALUE;
      while (next(reader, file)) {
        if (reader.startsWith(0, Layout.HEADER_MARK)) {
          layout = header(reader, file);
          continue;
        }
        if (layout == null) {
          throw new ImportException(file + " line " + reader.line() + ": not an esxtop batch file: it does not start"
              + " with a PerfMon header (\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\HOST\\...\"), as esxtop -b writes");
        }
        previousTsNs = row(source, reader, layout, previousTsNs);
        if (++records % PROGRESS_ROWS == 0) {
          progress.accept(records);
        }
      }
      if (layout == null) {
        throw new ImportException(file + ": empty; an esxtop batch file starts with its header line");
      }
    }
  }

  private static boolean next(PdhCsvReader reader, Path file) throws IOException, ImportException {
    try {
      return reader.next();
    } catch (CorruptInputException e) {
      throw ImportOutput.corruptAfter(e, reader.line());
    }
  }

  private Layout header(PdhCsvReader reader, Path file) throws ImportException {
    if (!reader.complete()) {
      throw new ImportException(file + " line " + reader.line() + ": the header is cut short: the file ends inside it");
    }
    Layout layout;
    try {
      layout = Layout.parse(reader, names);
    } catch (IllegalArgumentException e) {
      throw new ImportException(file + " line " + reader.line() + ": the header's " + e.getMessage(), e);
    }
    if (layout.host() != null) {
      if (host == null) {
        host = layout.host();
        hostSource = file + " line " + reader.line();
      } else if (!host.equals(layout.host())) {
        throw new ImportException(file + " line " + reader.line() + ": the header is of host '" + layout.host()
            + "', " + hostSource + " of '" + host + "'; a trace holds one host: import each into its own");
      }
    }
    found.addAll(layout.found());
    return layout;
  }

  /** One sample row: a demand sample of every VM with values in it. Returns the row's time, or the previous one. */
  private long row(int source, PdhCsvReader reader, Layout layout, long previousTsNs) throws SQLException {
    long line = reader.line();
    if (!reader.complete() || reader.fields() != layout.fields()) {
      String reason = reader.complete()
          ? "the row has " + reader.fields() + " fields, its header " + layout.fields()
          : "the row is cut short: the file ends inside it, after " + reader.fields() + " of " + layout.fields()
              + " fields";
      staging.reject(source, line, null, reason, rowStart(reader));
      return previousTsNs;
    }
    long tsNs;
    try {
      LocalDateTime time = LocalDateTime.parse(reader.text(0).strip(), TIME);
      tsNs = time.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + time.getNano() + layout.utcOffsetNs();
    } catch (DateTimeParseException e) {
      staging.reject(source, line, null, "the time '" + reader.text(0) + "' is not MM/dd/yyyy HH:mm:ss",
          rowStart(reader));
      return previousTsNs;
    }
    long periodNs = options.periodNs() != null ? options.periodNs()
        : previousTsNs != Long.MIN_VALUE && tsNs > previousTsNs ? tsNs - previousTsNs : -1;
    if (layout.machineMbColumn() >= 0 && !reader.blank(layout.machineMbColumn())) {
      String text = reader.text(layout.machineMbColumn());
      double mb = parseOrNaN(text.strip());
      String problem = megabytesProblem("the host's Machine MBytes", text, mb);
      if (problem == null) {
        machineMb = Math.max(machineMb, Math.round(mb));
      } else {
        staging.reject(source, line, null, problem, rowStart(reader));
      }
    }
    for (Map.Entry<String, int[]> vm : layout.vmColumns().entrySet()) {
      sample(source, reader, vm.getKey(), vm.getValue(), tsNs, periodNs);
    }
    return tsNs;
  }

  /**
   * Why {@code value}, read from {@code text}, cannot be a size in MB, or null when it can: a size out of
   * range would make a scenario no replay can read.
   */
  private static String megabytesProblem(String what, String text, double value) {
    if (Double.isNaN(value)) {
      return what + " '" + text + "' is not a number";
    }
    if (value < 0) {
      return what + " " + text.strip() + " is negative";
    }
    if (value > HostSpec.MAX_MEMORY_MB) {
      return what + " " + text.strip() + " is more than memreplay models: at most " + HostSpec.MAX_MEMORY_MB
          + " MB (1 PiB)";
    }
    return null;
  }

  /** The sample of one group in the current row, if it is a VM's and has values. */
  private void sample(int source, PdhCsvReader reader, String vm, int[] columns, long tsNs, long periodNs)
      throws SQLException {
    if (columns[Counter.MEMORY_SIZE.ordinal()] < 0) {
      notVms.add(vm);
      return;
    }
    boolean any = false;
    for (int column : columns) {
      any |= column >= 0 && !reader.blank(column);
    }
    if (!any) {
      missingSamples++;
      return;
    }
    Arrays.fill(megabytes, Double.NaN);
    for (Counter counter : Counter.values()) {
      int column = columns[counter.ordinal()];
      if (column < 0 || reader.blank(column)) {
        continue;
      }
      String text = reader.text(column);
      double value = parseOrNaN(text.strip());
      String problem = megabytesProblem("the " + counter.key() + " value", text, value);
      if (problem != null) {
        reject(source, reader, vm, columns, problem);
        return;
      }
      megabytes[counter.ordinal()] = value;
    }
    double memorySize = megabytes[Counter.MEMORY_SIZE.ordinal()];
    double active = megabytes[Counter.ACTIVE.ordinal()];
    if (Double.isNaN(memorySize)) {
      reject(source, reader, vm, columns, "no memory size (" + names.namesOf(Counter.MEMORY_SIZE) + ")");
      return;
    }
    if (memorySize == 0) {
      // the VMkernel's own groups have no memory size
      notVms.add(vm);
      return;
    }
    if (Double.isNaN(active)) {
      reject(source, reader, vm, columns, "no active-memory estimate (" + names.namesOf(Counter.ACTIVE) + ")");
      return;
    }
    if (active > 100) {
      reject(source, reader, vm, columns, "the active-memory estimate " + active + " % is above 100 %");
      return;
    }
    long configuredPages = pages(memorySize);
    long activePages = Math.round(active / 100 * configuredPages);
    long[] observed = new long[DemandColumns.OBSERVED_COLUMNS.size()];
    for (Counter counter : Counter.values()) {
      if (counter.observedIndex() >= 0) {
        double value = megabytes[counter.ordinal()];
        observed[counter.observedIndex()] = Double.isNaN(value) ? -1 : pages(value);
      }
    }
    staging.add(new DemandStaging.Row(source, reader.line(), vm, tsNs, periodNs, activePages,
        touchedPages(configuredPages, activePages), configuredPages, observed));
    vms.add(vm);
  }

  /**
   * The guest pages touched since power-on: those backed (granted) and those the host reclaimed after the guest
   * touched them (ballooned, swapped, compressed); unknown without the granted counter.
   */
  private long touchedPages(long configuredPages, long activePages) {
    double granted = megabytes[Counter.GRANTED.ordinal()];
    if (Double.isNaN(granted)) {
      return -1;
    }
    double touched = granted;
    for (Counter reclaimed : new Counter[] {Counter.BALLOONED, Counter.SWAPPED, Counter.COMPRESSED}) {
      double value = megabytes[reclaimed.ordinal()];
      touched += Double.isNaN(value) ? 0 : value;
    }
    return Math.max(activePages, Math.min(configuredPages, pages(touched)));
  }

  private static long pages(double megabytes) {
    return Math.round(megabytes * PAGES_PER_MB);
  }

  private void reject(int source, PdhCsvReader reader, String vm, int[] columns, String reason) throws SQLException {
    StringBuilder record = new StringBuilder("time=").append(reader.text(0));
    for (Counter counter : Counter.values()) {
      int column = columns[counter.ordinal()];
      if (column >= 0) {
        record.append(", ").append(counter.key()).append('=').append(reader.text(column));
      }
    }
    staging.reject(source, reader.line(), vm, reason, record.toString());
  }

  /** The start of a row, enough to recognise it. */
  private static String rowStart(PdhCsvReader reader) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < reader.fields() && text.length() < 200; i++) {
      text.append(i == 0 ? "" : ",").append('"').append(reader.text(i)).append('"');
    }
    return text.toString();
  }

  /** The manifest's created_by: the import as a command line. */
  private String command() {
    StringBuilder command = ImportOutput.command("esxtop", options.files());
    if (options.periodNs() != null) {
      command.append(" --period ").append(options.periodNs()).append("ns");
    }
    for (Map.Entry<String, String> counter : options.counters().entrySet()) {
      command.append(" --counter '").append(counter.getKey()).append('=').append(counter.getValue()).append('\'');
    }
    return command.toString();
  }

  private static double parseOrNaN(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
