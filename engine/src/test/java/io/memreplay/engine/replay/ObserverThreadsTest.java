package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.model.Threading;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.PageTableOp;
import io.memreplay.schemas.avro.PageTableOpKind;
import io.memreplay.schemas.avro.TranslationInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models that only observe, translation and the miss-ratio curves, take the same steps on threads of
 * their own as on the run's thread, so every row is the same:
 * under every built-in policy (nested, shadow and untagged translation, with and without large pages), on an
 * overcommitted host whose reclamation breaks large pages while the VMs run, with guests that place pages
 * themselves and with recorded addresses, accesses that cross into the next page, instruction fetches, many
 * address spaces (some beyond the small ids) and every kind of page-table record.
 */
class ObserverThreadsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final int[] VM_IDS = {0, 1, 2};
  private static final PageTableOpKind[] KINDS = PageTableOpKind.values();

  static List<String> policies() {
    return Policies.builtInNames();
  }

  @ParameterizedTest
  @MethodSource("policies")
  void observersOnThreadsOfTheirOwnGiveTheRowsOfObserversInline(String policyName) throws Exception {
    List<SpecificRecordBase> trace = randomTrace(new SplittableRandom(policyName.hashCode()));
    RecordingOutput.RecordedRun inline = replay(policyName, trace, Threading.INLINE);
    RecordingOutput.RecordedRun ownThread = replay(policyName, trace, Threading.OWN_THREAD);

    List<TranslationInterval> rows = inline.translations;
    assertTrue(rows.stream().anyMatch(row -> row.getWalks() > 0), policyName + " walks: " + rows);
    assertEquals(rows, ownThread.translations, policyName + ": translation rows");
    assertEquals(inline.vmIntervals, ownThread.vmIntervals, policyName + ": vm_intervals rows");
    assertEquals(inline.hostIntervals, ownThread.hostIntervals, policyName + ": host_intervals rows");
    assertEquals(inline.workingSets, ownThread.workingSets, policyName + ": working_sets rows");
    assertEquals(inline.mrcPoints, ownThread.mrcPoints, policyName + ": mrc rows");
  }

  private static RecordingOutput.RecordedRun replay(String policyName, List<SpecificRecordBase> trace,
      Threading threading) throws Exception {
    Policy policy = Policies.builtIn(policyName);
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(trace, List.of(0, 1, 2), 97), overcommittedHost(), List.of(policy),
        new ReplayOptions(SECOND, new long[] {SECOND}, 7), output, ReplayProgress.NONE)
        .observerThreading(threading)
        .run();
    return output.runs.get(policyName);
  }

  /**
   * Three VMs of 64 MB, with large pages, on a host of 96 MB: the VMs touch up to 38 MB each (their recorded
   * addresses lie in the first 32 MB, the pages they place themselves add at most 6 MB), more than the host
   * has for them.
   */
  private static Scenario overcommittedHost() {
    List<VmSpec> vms = new ArrayList<>();
    for (int id : VM_IDS) {
      vms.add(new VmSpec(id, "vm-" + id, 64, 2, 0, null, Shares.NORMAL, null, true, true));
    }
    return new Scenario("overcommitted", new HostSpec("host-1", 96, 0, null, null), vms);
  }

  private static List<SpecificRecordBase> randomTrace(SplittableRandom random) {
    List<SpecificRecordBase> events = new ArrayList<>();
    long pages = 32 * 256;
    for (int vm : VM_IDS) {
      for (long gpn = 0; gpn < pages; gpn += 1 + random.nextInt(3)) {
        long hash = gpn % 5 == 0 ? 0 : 1 + random.nextInt(2000);
        events.add(new PageContent(random.nextLong(2 * SECOND), vm, gpn, hash, hash == 0, null));
      }
    }
    for (int i = 0; i < 30_000; i++) {
      long ts = 2 * SECOND + random.nextLong(8 * SECOND);
      int vm = VM_IDS[random.nextInt(VM_IDS.length)];
      int asid = random.nextInt(5) == 0 ? 16 + random.nextInt(4) : random.nextInt(4);
      long gvpn = 0x4000 + random.nextInt(1500);
      boolean knownGpa = random.nextInt(3) == 0;
      int size = random.nextInt(20) == 0 ? 16 : 8;
      long offset = size == 16 ? 4090 : 8L * random.nextInt(512);
      long gpa = knownGpa ? (random.nextLong(pages - 1) << 12) + offset : -1L;
      AccessOp op = AccessOp.values()[random.nextInt(AccessOp.values().length)];
      events.add(new MemoryAccess(ts, vm, random.nextInt(2), asid, (gvpn << 12) + offset, gpa, op, size, null));
    }
    for (int i = 0; i < 600; i++) {
      long ts = 2 * SECOND + random.nextLong(8 * SECOND);
      int vm = VM_IDS[random.nextInt(VM_IDS.length)];
      PageTableOpKind kind = KINDS[random.nextInt(KINDS.length)];
      boolean large = random.nextInt(4) == 0;
      long gva = large ? (0x4000L + random.nextInt(1500)) << 12 & ~((1L << 21) - 1) : (0x4000L + random.nextInt(1500)) << 12;
      long gpa = kind == PageTableOpKind.MAP ? (large ? random.nextLong(pages / 512) << 21 : random.nextLong(pages) << 12) : -1;
      events.add(new PageTableOp(ts, vm, random.nextInt(2), random.nextInt(4), kind, gva, gpa, large ? 1 << 21 : 4096, 3));
    }
    return events;
  }
}
