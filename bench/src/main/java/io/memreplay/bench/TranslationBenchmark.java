package io.memreplay.bench;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.translation.GuestPageTables;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.translation.VmTranslation;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast one configuration of the translation engine replays: {@link VmTranslation#access} (TLB
 * hierarchy, page walks with their caches, shadow-paging traps) for every access of a trace held in
 * memory as primitive arrays, with the guest pages already resolved, as the replay loop hands them over.
 * One invocation translates the whole trace; the score is accesses per second on one thread.
 *
 * <p>Traces: {@code lackey}, gzip recorded by valgrind ({@link RecordedProgram}, 46 M accesses, one
 * process, instruction fetches included); {@code generated}, the 5 M-access trace of {@link GeneratedTrace}
 * (four 1 GB guests with scattered hot pages, the TLB's hard case). The translation state stays warm
 * from one invocation to the next: a real replay is long next to its warm-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TranslationBenchmark {

  @Param({"lackey", "generated"})
  public String trace;

  /** A built-in policy: esxi-default (nested, 2 MB backing), no-large-pages (nested, 4 KB), shadow-paging. */
  @Param({"esxi-default", "no-large-pages", "shadow-paging"})
  public String policy;

  private int[] vm;
  private int[] vcpu;
  private int[] asid;
  private long[] gva;
  private long[] gpn;
  private boolean[] instruction;
  private VmTranslation[] translations;

  @Setup(Level.Trial)
  public void load(RecordedProgram program, GeneratedTrace generated) throws IOException, ConfigException {
    TranslationPolicy translation = Policies.builtIn(policy).translation();
    boolean lackey = trace.equals("lackey");
    TraceDataset dataset = lackey ? program.dataset() : generated.dataset();
    List<VmSpec> vms = lackey ? List.of(new VmSpec(0, "gzip", 64, 1, 0, null, Shares.NORMAL, null, true, true))
        : generated.scenario().vms();
    GuestPageTables[] tables = new GuestPageTables[vms.size()];
    translations = new VmTranslation[vms.size()];
    for (int i = 0; i < vms.size(); i++) {
      tables[i] = new GuestPageTables(translation.guestLevels(), translation.guestPages(), translation.placement(),
          vms.get(i).memoryMb() * 256, i);
      translations[i] = new VmTranslation(translation, tables[i], i);
    }
    readAccesses(dataset, vms, tables);
  }

  @Benchmark
  public void translate(Accesses accesses, Blackhole blackhole) {
    int n = gva.length;
    for (int i = 0; i < n; i++) {
      translations[vm[i]].access(vcpu[i], asid[i], gva[i], gpn[i], instruction[i]);
    }
    accesses.accesses += n;
    blackhole.consume(translations);
  }

  /** Translations per second, which JMH reports beside the primary score (whole traces per second). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Accesses {
    public long accesses;

    @Setup(Level.Iteration)
    public void reset() {
      accesses = 0;
    }
  }

  /** The accesses as arrays, each with its VM's slot and guest page (placed by the guest model when the trace has no gpa). */
  private void readAccesses(TraceDataset dataset, List<VmSpec> vms, GuestPageTables[] tables) throws IOException {
    List<Integer> ids = new ArrayList<>();
    vms.forEach(spec -> ids.add(spec.id()));
    Growing rows = new Growing();
    TraceBatch batch = new TraceBatch();
    try (TraceReader reader = dataset.reader(new TraceReader.Options())) {
      while (reader.next(batch)) {
        AccessColumns a = batch.accesses;
        for (int i = 0; i < a.size(); i++) {
          int slot = ids.indexOf(a.vm[i]);
          long gpn = a.gpa[i] >= 0 ? a.gpa[i] >>> 12 : tables[slot].place(a.asid[i], a.gva[i]);
          rows.add(slot, a.vcpu[i], a.asid[i], a.gva[i], gpn, a.op[i] == AccessColumns.EXEC);
        }
      }
    }
    rows.into(this);
  }

  /** Columns that grow as rows are read, trimmed into the benchmark's arrays at the end. */
  private static final class Growing {
    private int size;
    private int[] vm = new int[1 << 20];
    private int[] vcpu = new int[1 << 20];
    private int[] asid = new int[1 << 20];
    private long[] gva = new long[1 << 20];
    private long[] gpn = new long[1 << 20];
    private boolean[] instruction = new boolean[1 << 20];

    void add(int vmSlot, int vcpuId, int asidId, long address, long page, boolean fetch) {
      if (size == gva.length) {
        int capacity = size * 2;
        vm = Arrays.copyOf(vm, capacity);
        vcpu = Arrays.copyOf(vcpu, capacity);
        asid = Arrays.copyOf(asid, capacity);
        gva = Arrays.copyOf(gva, capacity);
        gpn = Arrays.copyOf(gpn, capacity);
        instruction = Arrays.copyOf(instruction, capacity);
      }
      vm[size] = vmSlot;
      vcpu[size] = vcpuId;
      asid[size] = asidId;
      gva[size] = address;
      gpn[size] = page;
      instruction[size] = fetch;
      size++;
    }

    void into(TranslationBenchmark benchmark) {
      benchmark.vm = Arrays.copyOf(vm, size);
      benchmark.vcpu = Arrays.copyOf(vcpu, size);
      benchmark.asid = Arrays.copyOf(asid, size);
      benchmark.gva = Arrays.copyOf(gva, size);
      benchmark.gpn = Arrays.copyOf(gpn, size);
      benchmark.instruction = Arrays.copyOf(instruction, size);
    }
  }
}
