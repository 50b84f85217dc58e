package io.memreplay.ingest.imports.proc;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.ImportOutput;
import io.memreplay.ingest.imports.ImportScenario;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.ContentColumns;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Snapshots the resident memory of running processes into a trace dataset whose {@code contents} table has
 * one row per resident 4 KB page (content hash, zero, LZ4-compressed size; see {@link PageDigest}), plus
 * {@value TraceImporter#SCENARIO_FILE}. Each process is a VM; its pages are numbered densely in address
 * order (gpn 0, 1, ... over the pages recorded), since a process has no guest physical addresses and
 * sharing and compression depend on contents only. All rows are at trace time 0: one snapshot.
 *
 * <p>Streams: memory holds one block of rows and one read buffer, whatever the size of the processes.
 */
public final class ProcSnapshotImporter {

  public static final int REJECTS_SHOWN = 5;
  /** Half a page: what ESXi's compression cache keeps (VMware, "Understanding Memory Resource Management in VMware vSphere 5.0"). */
  static final int HALF_PAGE = 2048;
  static final int QUARTER_PAGE = 1024;
  private static final int BLOCK_ROWS = 1 << 16;
  /** Progress is told every this many pages. */
  private static final int PROGRESS_PAGES = 1 << 14;
  private static final long SNAPSHOT_TS = 0;

  private final TraceDatasetWriter writer;
  private final LongConsumer progress;
  private final PageDigest digest = new PageDigest();
  private final ContentColumns block = new ContentColumns(BLOCK_ROWS);
  private final List<String> firstRejects = new ArrayList<>();
  private long pagesSoFar;

  private ProcSnapshotImporter(TraceDatasetWriter writer, LongConsumer progress) {
    this.writer = writer;
    this.progress = progress;
  }

  /**
   * Snapshots the processes {@code options} names into the trace folder {@code out}.
   *
   * @param progress told the number of pages recorded so far, of all processes
   * @throws ImportException when a process does not exist, exits during the snapshot or may not be read, or
   *     {@code out} cannot be used; the folder is then not a trace
   */
  public static SnapshotSummary run(SnapshotOptions options, Path out, TraceDatasetWriter.Settings settings,
      LongConsumer progress) throws IOException, ImportException {
    String traceId = out.toAbsolutePath().normalize().getFileName().toString();
    List<ProcessSnapshot> snapshots = new ArrayList<>();
    try {
      List<TraceManifest.Vm> vms = new ArrayList<>();
      for (int pid : options.pids()) {
        ProcessSnapshot snapshot = ProcessSnapshot.open(pid, vms.size(), options.usePagemap());
        snapshots.add(snapshot);
        vms.add(new TraceManifest.Vm(vms.size(), snapshot.name() + "-" + pid));
      }
      TraceDatasetWriter.Header header = new TraceDatasetWriter.Header(traceId, options.host(), vms, true,
          command(options));
      try (TraceDatasetWriter writer = ImportOutput.create(out, header, settings)) {
        ProcSnapshotImporter importer = new ProcSnapshotImporter(writer, progress);
        List<SnapshotSummary.ProcessSummary> processes = new ArrayList<>();
        for (int vm = 0; vm < snapshots.size(); vm++) {
          processes.add(importer.record(snapshots.get(vm), vm));
        }
        importer.flush();
        TraceManifest manifest = writer.finish();
        Scenario scenario = ImportScenario.of(traceId, options.host(), vms, memoryMb(options, processes),
            options.hostMb());
        AtomicFiles.writeString(out.resolve(TraceImporter.SCENARIO_FILE), ConfigYaml.toYaml(scenario));
        return new SnapshotSummary(manifest, scenario, processes, List.copyOf(importer.firstRejects));
      }
    } finally {
      for (ProcessSnapshot snapshot : snapshots) {
        snapshot.close();
      }
    }
  }

  /** Reads one process into rows of VM {@code vm}. */
  private SnapshotSummary.ProcessSummary record(ProcessSnapshot snapshot, int vm) throws IOException, ImportException {
    long[] tally = new long[3];
    long[] gpn = {0};
    snapshot.read(new ProcessSnapshot.Sink() {
      @Override
      public void page(byte[] bytes, int offset) throws IOException {
        boolean zero = PageDigest.isZero(bytes, offset);
        int compressed = digest.compressedBytes(bytes, offset);
        block.add(SNAPSHOT_TS, vm, gpn[0]++, PageDigest.hash(bytes, offset, zero), compressed);
        tally[0] += zero ? 1 : 0;
        tally[1] += compressed <= HALF_PAGE ? 1 : 0;
        tally[2] += compressed <= QUARTER_PAGE ? 1 : 0;
        if (block.remaining() == 0) {
          flush();
        }
        if (++pagesSoFar % PROGRESS_PAGES == 0) {
          progress.accept(pagesSoFar);
        }
      }

      @Override
      public void reject(Reject reject) throws IOException {
        writer.reject(reject);
        if (firstRejects.size() < REJECTS_SHOWN) {
          firstRejects.add(reject.getReason());
        }
      }
    });
    return new SnapshotSummary.ProcessSummary(snapshot.pid(), snapshot.name(), vm, snapshot.mappings(),
        snapshot.readPages(), tally[0], tally[1], tally[2], snapshot.unreadablePages(), snapshot.swappedPages(),
        snapshot.fromPagemap());
  }

  private void flush() throws IOException {
    writer.write(block);
    block.clear();
    progress.accept(pagesSoFar);
  }

  private static long[] memoryMb(SnapshotOptions options, List<SnapshotSummary.ProcessSummary> processes) {
    long[] memoryMb = new long[processes.size()];
    for (SnapshotSummary.ProcessSummary process : processes) {
      memoryMb[process.vm()] = options.guestMb() != SnapshotOptions.GUEST_MB_FROM_RESIDENT ? options.guestMb()
          : ImportScenario.guestMbFor(process.pages());
    }
    return memoryMb;
  }

  /** The manifest's created_by: the import as a command line. */
  private static String command(SnapshotOptions options) {
    StringBuilder command = new StringBuilder("memreplay import proc-snapshot");
    for (int pid : options.pids()) {
      command.append(" --pid ").append(pid);
    }
    return command.toString();
  }

}
