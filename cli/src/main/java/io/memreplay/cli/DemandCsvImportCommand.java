package io.memreplay.cli;

import io.memreplay.ingest.imports.RejectedLine;
import io.memreplay.ingest.imports.demand.DemandCsvImporter;
import io.memreplay.ingest.imports.demand.DemandCsvOptions;
import io.memreplay.ingest.imports.demand.DemandStaging;
import io.memreplay.ingest.imports.demand.DemandSummary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code memreplay import demand-csv}: a monitoring export as memory demand samples. */
@Command(name = "demand-csv", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports a monitoring export (vCenter, esxtop, Prometheus... as CSV, read by DuckDB's CSV reader)"
        + " into the demand table of a trace dataset with a matching scenario.yaml: one sample per record.",
        "Records that cannot be used are kept in DIR/rejects/ with file, line and reason."})
final class DemandCsvImportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "the CSV file")
  Path file;

  @Option(names = "--map", required = true, paramLabel = "KEY=COLUMN,...", converter = MapConverter.class,
      description = "which column holds what: ts= (ISO text) or ts_s=/ts_ms=/ts_us=/ts_ns= (epoch), vm=,"
          + " active_<unit>=, and optionally touched_<unit>=, configured_<unit>=, period_<s|ms|us|ns>=; units pages,"
          + " bytes, kb, mb, gb, tb, pct (of configured); quote names with commas: active_kb=\"Active, KB\"")
  String map;

  @Mixin
  ImportTarget target;

  @Option(names = "--period", paramLabel = "DURATION", converter = Durations.Converter.class,
      description = "the sampling period of every record, e.g. 20s (default: the period column, else the time since"
          + " the VM's previous sample)")
  Long periodNs;

  @Option(names = "--guest-mb", paramLabel = "M",
      description = "configured memory of each VM, MB (default: the configured column, else the power of two that"
          + " holds the most memory its samples show, at least 64)")
  Long guestMb;

  @Mixin
  HostMemoryOption hostMemory;

  @Override
  public Integer call() throws Exception {
    target.checkOut();
    ImportTarget.requireMemoryMb("--guest-mb", guestMb);
    Long hostMemoryMb = hostMemory.checked();
    long guest = guestMb == null ? DemandCsvOptions.GUEST_MB_FROM_SAMPLES : guestMb;
    DemandCsvOptions options = ImportTarget.options(
        () -> new DemandCsvOptions(file, map, target.host, guest, hostMemoryMb, periodNs));
    ImportTarget.Result<DemandSummary> result = target.run("demand-csv", "records", DemandCsvImporter::run, options);
    DemandSummary summary = result.summary();
    double seconds = result.seconds();
    PrintStream human = target.json.human();
    DemandImportOutput.print(summary, "records of " + file, "records", target.out, seconds, human);
    DemandImportOutput.finish(summary, target, human);
    target.json.print(new Imported(file, target.written(summary.manifest(), summary.scenario(), seconds),
        summary.records(), summary.samples(), summary.rejected(), summary.vms(), summary.firstRejects()));
    return ExitCode.OK.code();
  }

  /** What {@code import demand-csv --json} prints: the trace written, the records read, and each VM's samples. */
  record Imported(Path file, ImportTarget.Written written, long records, long samples, long rejected,
      List<DemandStaging.Vm> vmSamples, List<RejectedLine> firstRejects) {}

  /** A --map with a syntax mistake is a wrong command line (status 2), told before anything is read. */
  static final class MapConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        DemandCsvOptions.checkMap(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
      return value;
    }
  }
}
