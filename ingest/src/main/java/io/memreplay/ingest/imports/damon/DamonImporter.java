package io.memreplay.ingest.imports.damon;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOutput;
import io.memreplay.ingest.imports.ImportScenario;
import io.memreplay.ingest.imports.InputRejects;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.ingest.imports.compression.CorruptInputException;
import io.memreplay.ingest.imports.compression.InputFiles;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.InflaterInputStream;

/**
 * Imports the records {@code damo record} writes (DAMON's access monitoring of Linux processes or physical
 * memory) into a trace dataset of accesses, plus its scenario. Every file is read whole first (its JSON, zlib'd
 * JSON or perf script form, recognised by its bytes, under any compression); each monitoring target becomes a VM,
 * or an address space of one VM; then {@link AccessWindows} turns the snapshots' accessed regions into reads.
 * Snapshots, regions and lines that cannot be used go to the rejects with file, line and reason. Each VM is sized
 * to the memory its targets were found accessing, unless told.
 */
public final class DamonImporter {

  public static final int REJECTS_SHOWN = 5;

  private final DamonOptions options;
  private final List<Reject> rejects = new ArrayList<>();
  private long skippedLines;

  private DamonImporter(DamonOptions options) {
    this.options = options;
  }

  /** One monitoring target, as read from its file. */
  private record Read(String source, RecordFormat format, DamonRecording.Target target, boolean alone) {}

  /**
   * Imports the files {@code options} names into the trace folder {@code out}.
   *
   * @param progress told the number of accesses written so far
   * @throws ImportException when a file is missing, in a form memreplay does not read, corrupt, not damo's
   *     structure, or without any accessed region, or {@code out} cannot be used; the folder is then not a trace
   */
  public static DamonSummary run(DamonOptions options, Path out, TraceDatasetWriter.Settings settings,
      LongConsumer progress) throws IOException, ImportException {
    ImportOutput.requireReadable(options.files());
    DamonImporter importer = new DamonImporter(options);
    List<Read> reads = new ArrayList<>();
    for (Path file : options.files()) {
      reads.addAll(importer.read(file));
    }
    return importer.write(reads, out, settings, progress);
  }

  private List<Read> read(Path file) throws IOException, ImportException {
    String source = file.toString();
    DamonRecording recording = new DamonRecording();
    RecordRejects fileRejects =
        (kind, line, reason, record) -> rejects.add(InputRejects.of(source, line, kind, null, reason, record));
    RecordFormat format;
    try (InputStream in = new BufferedInputStream(ImportOutput.openInput(file).content(), 1 << 16)) {
      format = RecordFormat.of(in);
      switch (format) {
        case JSON -> DamonJsonReader.read(source, in, "", recording, fileRejects, options.minAccesses());
        case JSON_COMPRESSED -> DamonJsonReader.read(source, InputFiles.decoding(new InflaterInputStream(in), file,
            "zlib (damo's json_compressed)"), "", recording, fileRejects, options.minAccesses());
        case PERF_SCRIPT -> skippedLines += PerfScriptReader.read(in, "", recording, fileRejects, options.minAccesses());
        case PERF_DATA -> throw new ImportException(file + ": perf's binary perf.data, which needs perf to read: turn it"
            + " into text with 'perf script -i " + file + " > damon.perf_script' (or 'damo record --output_type json'),"
            + " and import that");
        case OLD_BINARY -> throw new ImportException(file + ": damo's old binary record format: convert it with"
            + " 'damo convert_record_format --format json_compressed " + file + "' and import that");
      }
    } catch (CorruptInputException e) {
      throw new ImportException(e.getMessage(), e);
    }
    List<DamonRecording.Target> targets = recording.targets();
    if (targets.stream().allMatch(target -> target.snapshots == 0)) {
      throw new ImportException(file + ": no DAMON snapshot in it (read as damo's " + format.label() + " form); is it"
          + " a damo record file?");
    }
    List<Read> reads = new ArrayList<>();
    for (DamonRecording.Target target : targets) {
      reads.add(new Read(source, format, target, targets.size() == 1));
    }
    return reads;
  }

  private DamonSummary write(List<Read> reads, Path out, TraceDatasetWriter.Settings settings, LongConsumer progress)
      throws IOException, ImportException {
    if (reads.stream().allMatch(read -> read.target().regions.size == 0)) {
      throw new ImportException(options.files() + ": DAMON found no region accessed " + options.minAccesses()
          + " time(s) or more in any snapshot: nothing to replay");
    }
    String traceId = out.toAbsolutePath().normalize().getFileName().toString();
    List<TraceManifest.Vm> vms = new ArrayList<>();
    List<AccessWindows.Place> places = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      Read read = reads.get(i);
      if (options.asProcesses()) {
        places.add(new AccessWindows.Place(0, i));
      } else {
        String name = Path.of(read.source()).getFileName() + (read.alone() ? "" : " target " + read.target().id);
        vms.add(new TraceManifest.Vm(i, name));
        places.add(new AccessWindows.Place(i, 0));
      }
    }
    if (options.asProcesses()) {
      vms.add(new TraceManifest.Vm(0, traceId));
    }
    List<DamonRecording.Target> targets = reads.stream().map(Read::target).toList();
    AccessWindows windows = new AccessWindows(targets, places, options.windowNs());
    TraceDatasetWriter.Header header = new TraceDatasetWriter.Header(traceId, options.host(), vms, false, command());
    try (TraceDatasetWriter writer = ImportOutput.create(out, header, settings)) {
      for (Reject reject : rejects) {
        writer.reject(reject);
      }
      windows.write(writer, progress);
      TraceManifest manifest = writer.finish();
      long[] footprint = new long[vms.size()];
      List<DamonSummary.TargetSummary> summaries = new ArrayList<>();
      for (int i = 0; i < reads.size(); i++) {
        Read read = reads.get(i);
        AccessWindows.Place place = places.get(i);
        long pages = AccessWindows.footprintPages(read.target());
        footprint[place.vm()] += pages;
        AccessWindows.Counts counts = windows.counts(i);
        summaries.add(new DamonSummary.TargetSummary(read.source(), read.format().label(), read.target().id,
            place.vm(), place.asid(), read.target().snapshots, read.target().regions.size, counts.accesses, counts.windows,
            counts.peakWindowPages, pages));
      }
      long[] memoryMb = new long[vms.size()];
      for (int vm = 0; vm < memoryMb.length; vm++) {
        memoryMb[vm] = options.guestMb() != DamonOptions.GUEST_MB_FROM_FOOTPRINT ? options.guestMb()
            : ImportScenario.guestMbFor(footprint[vm]);
      }
      Scenario scenario = ImportScenario.of(traceId, options.host(), vms, memoryMb, null);
      AtomicFiles.writeString(out.resolve(TraceImporter.SCENARIO_FILE), ConfigYaml.toYaml(scenario));
      List<String> first = rejects.stream().limit(REJECTS_SHOWN)
          .map(r -> r.getSource() + " line " + r.getPosition() + ": " + r.getReason()).toList();
      return new DamonSummary(manifest, scenario, summaries, windows.windowNs(), rejects.size(), skippedLines, first);
    }
  }

  /** The manifest's created_by: the import as a command line. */
  private String command() {
    StringBuilder command = ImportOutput.command("damon", options.files());
    if (options.windowNs() != null) {
      command.append(" --window ").append(options.windowNs()).append("ns");
    }
    command.append(" --min-accesses ").append(options.minAccesses());
    return options.asProcesses() ? command.append(" --as-processes").toString() : command.toString();
  }
}
