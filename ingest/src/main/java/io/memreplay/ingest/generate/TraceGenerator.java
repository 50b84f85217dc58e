package io.memreplay.ingest.generate;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentColumns;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic host trace: a snapshot of every guest page as the VMs boot, then the VMs' accesses in
 * one time order, plus {@value #SCENARIO_FILE}, the scenario that replays it. Memory stays constant whatever
 * the number of accesses: the trace streams out block by block.
 */
public final class TraceGenerator {

  /** The scenario written beside the trace's manifest. */
  public static final String SCENARIO_FILE = "scenario.yaml";

  /** Rows per block handed to the writer: the size of a replay batch. */
  private static final int BLOCK_ROWS = 1 << 16;
  /**
   * The VMs boot together over the first 5% of the trace, writing their memory page by page: memory fills
   * at a pace the host's reclamation can follow, as when VMs boot on an overcommitted host, rather than at
   * one instant.
   */
  static final double BOOT_SHARE = 0.05;

  private TraceGenerator() {}

  /**
   * Generates the trace {@code spec} describes into {@code out}, which must be absent or empty.
   *
   * @param progress told the number of accesses written so far, after every block
   * @return the manifest of the finished trace
   */
  public static TraceManifest generate(GeneratorSpec spec, Path out, LongConsumer progress) throws IOException {
    return generate(spec, out, TraceDatasetWriter.Settings.DEFAULT, progress);
  }

  /**
   * Generates the trace {@code spec} describes into {@code out} with the given layout settings; with
   * {@link TraceDatasetWriter.Settings#replacing()} an earlier trace in {@code out} is replaced.
   */
  public static TraceManifest generate(GeneratorSpec spec, Path out, TraceDatasetWriter.Settings settings,
      LongConsumer progress) throws IOException {
    SyntheticHost host = SyntheticHost.of(spec);
    TraceDatasetWriter.Header header = new TraceDatasetWriter.Header(spec.traceId(), spec.host(), host.manifestVms(),
        false, "memreplay synthetic trace generator (" + spec.describe() + ")");
    TraceManifest manifest;
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(out, header, settings)) {
      writeBootSnapshot(host, (long) (spec.durationNs() * BOOT_SHARE), writer);
      writeAccesses(host, spec.accesses(), writer, progress);
      manifest = writer.finish();
    }
    AtomicFiles.writeString(out.resolve(SCENARIO_FILE), ConfigYaml.toYaml(host.scenario()));
    return manifest;
  }

  /**
   * Every page of every VM as it boots: page g of every VM at time g × boot / pages, in page order and, at
   * one time, VM by VM, so the rows come out in time order.
   */
  private static void writeBootSnapshot(SyntheticHost host, long bootNs, TraceDatasetWriter writer) throws IOException {
    ContentColumns block = new ContentColumns(BLOCK_ROWS);
    long pages = host.vms().stream().mapToLong(vm -> vm.layout().pages()).max().orElse(0);
    for (long gpn = 0; gpn < pages; gpn++) {
      long ts = pages == 0 ? 0 : Math.floorDiv(gpn * bootNs, pages);
      for (SyntheticVm vm : host.vms()) {
        if (gpn < vm.layout().pages()) {
          long hash = vm.contents().initial(gpn);
          block.add(ts, vm.id(), gpn, hash, vm.contents().compressedBytes(gpn, hash));
          if (block.remaining() == 0) {
            writeAndClear(block, writer);
          }
        }
      }
    }
    writeAndClear(block, writer);
  }

  private static void writeAccesses(SyntheticHost host, long accesses, TraceDatasetWriter writer,
      LongConsumer progress) throws IOException {
    AccessColumns block = new AccessColumns(BLOCK_ROWS);
    AccessInterleaver interleaver = new AccessInterleaver(host.accessStreams(accesses));
    long written = 0;
    while (interleaver.hasNext()) {
      interleaver.emitNext(block);
      if (block.remaining() == 0 || !interleaver.hasNext()) {
        written += writeAndClear(block, writer);
        progress.accept(written);
      }
    }
  }

  /** Writes the rows of {@code block} and empties it; returns how many there were. */
  private static int writeAndClear(Columns block, TraceDatasetWriter writer) throws IOException {
    int rows = block.size();
    writer.write(block);
    block.clear();
    return rows;
  }
}
