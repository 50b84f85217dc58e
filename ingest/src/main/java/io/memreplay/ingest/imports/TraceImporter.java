package io.memreplay.ingest.imports;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Imports text traces of programs into a trace dataset, plus {@value #SCENARIO_FILE}, the scenario that
 * replays it. The files are read side by side, {@value #CHUNK_LINES} lines of each in turn, so that their
 * VMs (or processes) progress together in trace time; the order depends on the files alone, so the same
 * files give the same trace. Every access gets the next tick of one nominal clock. A file may be kept
 * compressed (gzip, zstd, xz or bzip2, recognised by its first bytes): it is decompressed as it is read.
 *
 * <p>Accesses have no guest physical address (gpa -1: the engine places each page on first touch), vCPU
 * 0 and an unknown content hash. Malformed lines go to the trace's rejects, with file, line number and
 * reason. Memory stays constant whatever the length of the traces, except for each file's footprint
 * (its distinct pages, which size its VM).
 */
public final class TraceImporter {

  /** The scenario written beside the trace's manifest. */
  public static final String SCENARIO_FILE = "scenario.yaml";
  /** Malformed lines kept in the summary with their reason; all of them are in the rejects file. */
  public static final int REJECTS_SHOWN = 5;

  /** Lines read from one file before the next file's turn: fine-grained against any replay interval. */
  static final int CHUNK_LINES = 1000;
  /** Rows per block handed to the writer: the size of a replay batch. */
  private static final int BLOCK_ROWS = 1 << 16;
  /** The formats record virtual addresses only; the engine places each page on first touch. */
  private static final long UNKNOWN_GPA = -1;
  /** The formats record one thread of execution, or do not say which. */
  private static final int VCPU = 0;

  private final ImportOptions options;
  private final List<InputTrace> inputs;
  private final TraceDatasetWriter writer;
  private final LongConsumer progress;
  private final AccessColumns block = new AccessColumns(BLOCK_ROWS);
  private final List<RejectedLine> firstRejects = new ArrayList<>();
  /** Accesses so far, of all files: the nominal clock. */
  private long accesses;

  private TraceImporter(ImportOptions options, List<InputTrace> inputs, TraceDatasetWriter writer,
      LongConsumer progress) {
    this.options = options;
    this.inputs = inputs;
    this.writer = writer;
    this.progress = progress;
  }

  /**
   * Imports the files {@code options} names into the trace folder {@code out}, which must be absent or
   * empty unless {@code settings} replace a trace there.
   *
   * @param progress told the number of lines read so far, of all files, after every block of accesses
   * @throws ImportException when a file is missing, unreadable or holds no access, or {@code out} cannot
   *     be used; the folder is then not a trace
   */
  public static ImportSummary run(ImportOptions options, Path out, TraceDatasetWriter.Settings settings,
      LongConsumer progress) throws IOException, ImportException {
    ImportOutput.requireReadable(options.files());
    String traceId = out.toAbsolutePath().normalize().getFileName().toString();
    List<TraceManifest.Vm> vms = vms(options, traceId);
    List<InputTrace> inputs = new ArrayList<>();
    try {
      for (int i = 0; i < options.files().size(); i++) {
        inputs.add(InputTrace.open(options.files().get(i), options.asProcesses() ? 0 : i,
            options.asProcesses() ? i : 0, options.format().parser()));
      }
      TraceDatasetWriter.Header header =
          new TraceDatasetWriter.Header(traceId, options.host(), vms, true, command(options));
      try (TraceDatasetWriter writer = ImportOutput.create(out, header, settings)) {
        TraceImporter importer = new TraceImporter(options, inputs, writer, progress);
        importer.readAll();
        TraceManifest manifest = writer.finish();
        Scenario scenario = ImportScenario.of(traceId, options, vms, pagesByVm(inputs, vms.size()));
        AtomicFiles.writeString(out.resolve(SCENARIO_FILE), ConfigYaml.toYaml(scenario));
        return new ImportSummary(manifest, scenario, inputs.stream().map(InputTrace::summary).toList(),
            List.copyOf(importer.firstRejects));
      }
    } finally {
      for (InputTrace input : inputs) {
        input.close();
      }
    }
  }

  /** The manifest's created_by: the import as a command line that gives the same trace again. */
  private static String command(ImportOptions options) {
    StringBuilder command = ImportOutput.command(options.format().label(), options.files());
    command.append(" --ns-per-access ").append(options.nsPerAccess());
    return options.asProcesses() ? command.append(" --as-processes").toString() : command.toString();
  }

  /** Reads the files a chunk of lines at a time, in turn, until all have ended. */
  private void readAll() throws IOException, ImportException {
    DatasetSink sink = new DatasetSink();
    List<InputTrace> reading = new ArrayList<>(inputs);
    while (!reading.isEmpty()) {
      for (Iterator<InputTrace> turns = reading.iterator(); turns.hasNext(); ) {
        InputTrace input = turns.next();
        if (!input.read(CHUNK_LINES, sink)) {
          requireAccesses(input);
          turns.remove();
        }
      }
    }
    flush();
  }

  /** A file without a single access is not a trace of this format: most likely the wrong file or format. */
  private void requireAccesses(InputTrace input) throws ImportException {
    if (input.accesses() == 0) {
      throw new ImportException(String.format("%s: no accesses in it (lines: %,d, skipped: %,d, malformed: %,d); is it a %s"
          + " trace?", input.source(), input.lines(), input.skipped(), input.rejected(), options.format().label()));
    }
  }

  private void flush() throws IOException {
    writer.write(block);
    block.clear();
    long lines = 0;
    for (InputTrace input : inputs) {
      lines += input.lines();
    }
    progress.accept(lines);
  }

  /** Accesses become rows of the current block; malformed lines become rejects of the dataset. */
  private final class DatasetSink implements InputTrace.Sink {
    @Override
    public void access(InputTrace from, ParsedAccess access) throws IOException {
      block.add(accesses++ * options.nsPerAccess(), from.vm(), VCPU, from.asid(), access.address, UNKNOWN_GPA,
          access.op, access.bytes, Columns.NULL);
      if (block.remaining() == 0) {
        flush();
      }
    }

    @Override
    public void reject(Reject reject) throws IOException {
      writer.reject(reject);
      if (firstRejects.size() < REJECTS_SHOWN) {
        firstRejects.add(new RejectedLine(reject.getSource().toString(), reject.getPosition(),
            reject.getReason().toString()));
      }
    }
  }

  private static long[] pagesByVm(List<InputTrace> inputs, int vms) {
    long[] pages = new long[vms];
    for (InputTrace input : inputs) {
      pages[input.vm()] += input.pages();
    }
    return pages;
  }

  /** One VM per file, named after it; or one VM, named after the trace, whose processes the files are. */
  private static List<TraceManifest.Vm> vms(ImportOptions options, String traceId) {
    if (options.asProcesses()) {
      return List.of(new TraceManifest.Vm(0, traceId));
    }
    List<TraceManifest.Vm> vms = new ArrayList<>();
    for (Path file : options.files()) {
      vms.add(new TraceManifest.Vm(vms.size(), file.getFileName().toString()));
    }
    return vms;
  }

}
