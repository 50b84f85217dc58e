package io.memreplay.bench;

import io.memreplay.engine.model.VmPages;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.TraceImporter;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The page references of a real program, as a replay feeds them to a VM's miss-ratio curves: the dense
 * page index of every page each access touches, in order. The program is CPython 3.11 starting up and
 * importing {@code re}, recorded with
 *
 * <pre>valgrind --tool=lackey --trace-mem=yes --log-file=python3-re.lackey /usr/bin/python3 -c 'import re'</pre>
 *
 * (about 51 M accesses to about 1,500 distinct 4 KB pages), imported with {@code memreplay import lackey}
 * (one VM, one address space, every access at its virtual page). Recording takes about a minute and the
 * log about 0.7 GB, so it is done once, into {@code lackey-python3-re/} of the benchmark cache: the
 * imported trace stays in {@code trace/} and the page indices in {@code pages.bin}, which later runs read
 * alone; the log is deleted once imported. Another program's lackey log put at {@code
 * lackey-NAME/NAME.lackey} is used with {@code -p program=NAME}.
 */
@State(Scope.Benchmark)
public class LackeyTrace {

  private static final String RECORDED = "python3-re";
  private static final List<String> RECORDED_PROGRAM = List.of("/usr/bin/python3", "-c", "import re");
  private static final int PAGE_SHIFT = 12;

  @Param(RECORDED)
  public String program;

  private int[] pages;
  private int distinctPages;

  @Setup(Level.Trial)
  public void load() throws IOException, ImportException, InterruptedException {
    Path dir = BenchData.folder().resolve("lackey-" + program);
    Path cached = dir.resolve("pages.bin");
    if (!Files.exists(cached)) {
      Path log = dir.resolve(program + ".lackey");
      if (!Files.exists(log)) {
        record(log);
      }
      writePages(pageIndices(importTrace(log, dir.resolve("trace"))), cached);
      Files.delete(log);
    }
    pages = readPages(cached);
    distinctPages = Arrays.stream(pages).max().orElse(-1) + 1;
    System.err.printf("Program trace %s: %,d page references, %,d distinct pages.%n", program, pages.length, distinctPages);
  }

  /** Every page reference, as dense page indices from 0 in order of first reference. */
  int[] pages() {
    return pages;
  }

  private void record(Path log) throws IOException, InterruptedException {
    if (!program.equals(RECORDED)) {
      throw new IllegalStateException("no lackey log of '" + program + "': record one into " + log);
    }
    LackeyRecorder.record(RECORDED_PROGRAM, log);
  }

  private static TraceDataset importTrace(Path log, Path traceDir) throws IOException, ImportException {
    System.err.println("Importing " + log + " (memreplay import lackey)...");
    TraceImporter.run(RecordedProgram.importOptions(log), traceDir, TraceDatasetWriter.Settings.DEFAULT.replacing(),
        lines -> {});
    return TraceDataset.open(traceDir);
  }

  /**
   * The pages the replay touches for each access: its virtual page, and the next when it crosses into
   * it, indexed as {@link VmPages} indexes them (the replay places a trace without guest physical
   * addresses page by page on first touch, which keeps the order of first touch).
   */
  private static int[] pageIndices(TraceDataset dataset) throws IOException {
    VmPages index = new VmPages();
    long accesses = dataset.manifest().events(RecordKind.ACCESSES);
    int[] references = new int[(int) Math.min(Integer.MAX_VALUE - 8, accesses + accesses / 8 + 16)];
    int count = 0;
    TraceBatch batch = new TraceBatch();
    try (TraceReader reader = dataset.reader(new TraceReader.Options())) {
      while (reader.next(batch)) {
        AccessColumns access = batch.accesses;
        for (int i = 0; i < access.size(); i++) {
          long address = access.gva[i];
          if (count + 2 > references.length) {
            references = Arrays.copyOf(references, references.length * 2);
          }
          references[count++] = index.indexOf(address >>> PAGE_SHIFT);
          if ((address & ((1 << PAGE_SHIFT) - 1)) + access.bytes[i] > 1 << PAGE_SHIFT) {
            references[count++] = index.indexOf((address >>> PAGE_SHIFT) + 1);
          }
        }
      }
    }
    return Arrays.copyOf(references, count);
  }

  private static void writePages(int[] pages, Path file) throws IOException {
    Path temporary = AtomicFiles.temporaryFor(file);
    ByteBuffer bytes = ByteBuffer.allocate(pages.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asIntBuffer().put(pages);
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    }
    AtomicFiles.publish(temporary, file);
  }

  private static int[] readPages(Path file) throws IOException {
    IntBuffer ints = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    int[] pages = new int[ints.remaining()];
    ints.get(pages);
    return pages;
  }
}
