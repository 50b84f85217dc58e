package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.SharingPolicy;
import io.memreplay.engine.config.SharingPolicy.UnsaltedVms;
import io.memreplay.engine.translation.GuestPageTables;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.PageTableOp;
import io.memreplay.schemas.avro.PageTableOpKind;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's working sets and sharing potential equal a brute-force computation with plain Java
 * collections, on random multi-VM traces that mix recorded and unknown guest physical addresses,
 * page-crossing accesses, content snapshots, writes with known, zero and unknown content, guest pages
 * mapped by page-table records (some at addresses of several address spaces), and VMs in and out of salt
 * groups, under every salting mode at once.
 */
class ReplayMatchesBruteForceTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long INTERVAL = SECOND;
  private static final long[] WINDOWS = {SECOND / 2, SECOND, 3 * SECOND};
  private static final int[] VM_IDS = {0, 1, 5};
  private static final String[] SALTS = {"a", "a", null};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void workingSetsAndSharingPotentialMatchBruteForce(long seed) throws Exception {
    assertMatchesBruteForce(randomTrace(new SplittableRandom(seed)), seed);
  }

  /**
   * Past {@link PolicyRun#READ_AHEAD_PAGES} tracked pages the models read each stretch's page state ahead, a
   * path of its own: a sweep of one VM over more pages than that, early in the trace, takes the rest of the
   * random trace down it.
   */
  @ParameterizedTest
  @ValueSource(longs = {6, 7})
  void theSameHoldsWhenTheModelsReadPagesAhead(long seed) throws Exception {
    List<SpecificRecordBase> events = randomTrace(new SplittableRandom(seed));
    int sweep = (int) PolicyRun.READ_AHEAD_PAGES + 1000;
    for (int i = 0; i < sweep; i++) {
      long gpn = 100_000 + i;
      events.add(new MemoryAccess(SECOND / 4 + i, 0, 0, 0, gpn << 12, gpn << 12, AccessOp.READ, 8, null));
    }
    ReplayResult result = assertMatchesBruteForce(events, seed);
    for (ReplayResult.RunSummary run : result.runs()) {
      assertTrue(run.trackedPages() > PolicyRun.READ_AHEAD_PAGES, run.policy() + " tracks " + run.trackedPages());
    }
  }

  private static ReplayResult assertMatchesBruteForce(List<SpecificRecordBase> events, long seed) throws Exception {
    Scenario scenario = TestScenarios.scenario(VM_IDS, SALTS);
    List<Policy> policies = List.of(
        new Policy("salting-0", null, new SharingPolicy(0, null), null),
        new Policy("salting-1-common", null, new SharingPolicy(1, UnsaltedVms.COMMON), null),
        new Policy("salting-1-own", null, new SharingPolicy(1, UnsaltedVms.OWN), null),
        new Policy("salting-2", null, new SharingPolicy(2, null), null));
    RecordingOutput output = new RecordingOutput();
    InMemoryTraceSource source = new InMemoryTraceSource(events, List.of(0, 1, 5), 37);
    ReplayResult result =
        new Replay(source, scenario, policies, new ReplayOptions(INTERVAL, WINDOWS, seed), output, ReplayProgress.NONE).run();

    for (Policy policy : policies) {
      BruteForce expected = new BruteForce(events, policy.sharing(), source.info().startNs(), source.info().endNs());
      RecordingOutput.RecordedRun run = output.runs.get(policy.name());
      assertEquals(expected.vmRows.size(), run.vmIntervals.size(), "vm_intervals rows of " + policy.name());
      for (int i = 0; i < expected.vmRows.size(); i++) {
        Expected want = expected.vmRows.get(i);
        VmInterval got = run.vmIntervals.get(i);
        String where = policy.name() + " vm " + got.getVm() + " interval ending " + got.getIntervalEndNs();
        assertEquals(want.vm, got.getVm(), where);
        assertEquals(want.end, got.getIntervalEndNs(), where);
        assertEquals(want.accesses, got.getAccesses(), where + " accesses");
        assertEquals(want.workingSet, got.getWorkingSetPages(), where + " working set");
        assertEquals(want.touched, got.getTouchedPages(), where + " touched");
        assertEquals(want.known, got.getKnownContentPages(), where + " known content");
        assertEquals(want.zero, got.getZeroPages(), where + " zero");
        assertEquals(want.intra, got.getIntraDupPages(), where + " intra");
        assertEquals(want.inter, got.getInterDupPages(), 1e-9, where + " inter");
        assertEquals(want.potential, got.getSharingPotentialPages(), 1e-9, where + " potential");
      }
      assertEquals(expected.windowRows.size(), run.workingSets.size());
      for (int i = 0; i < expected.windowRows.size(); i++) {
        long[] want = expected.windowRows.get(i);
        WorkingSet got = run.workingSets.get(i);
        String where = policy.name() + " W(" + got.getTNs() + ", " + got.getTauNs() + ") of vm " + got.getVm();
        assertEquals(want[0], got.getVm(), where);
        assertEquals(want[1], got.getTNs(), where);
        assertEquals(want[2], got.getTauNs(), where);
        assertEquals(want[3], got.getWorkingSetPages(), where + " pages");
        assertEquals(want[4], got.getWorkingSetLargePages(), where + " regions of the trace's addresses");
        assertEquals(want[5], got.getWorkingSetPlacedLargePages(), where + " regions as placed");
      }
    }
    return result;
  }

  private static List<SpecificRecordBase> randomTrace(SplittableRandom random) {
    List<SpecificRecordBase> events = new ArrayList<>();
    long[] pool = new long[12];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = i == 0 ? ContentHashes.ZERO : 1000 + i;
    }
    for (int i = 0; i < 3000; i++) {
      long ts = (long) (random.nextDouble() * 8.5 * SECOND) + SECOND / 3;
      int vm = VM_IDS[random.nextInt(VM_IDS.length)];
      if (random.nextInt(5) == 0) {
        long hash = pool[random.nextInt(pool.length)];
        // pages spread over two 2 MB regions, either side of their boundary
        long gpn = random.nextInt(48) + (random.nextBoolean() ? 464 : 512);
        events.add(new PageContent(ts, vm, gpn, hash, hash == ContentHashes.ZERO, null));
        continue;
      }
      boolean knownGpa = random.nextInt(4) != 0;
      // virtual and physical pages on both sides of a 2 MB boundary: an access crossing page 511 touches two regions
      long gvpn = 500 + random.nextInt(24);
      long gpn = random.nextInt(48) + (random.nextBoolean() ? 464 : 512);
      int size = random.nextInt(10) == 0 ? 16 : 8;
      long offset = size == 16 ? 4090 : 8L * random.nextInt(512);
      AccessOp op = AccessOp.values()[random.nextInt(3)];
      Long hash = null;
      if (op == AccessOp.WRITE && random.nextInt(5) != 0) {
        hash = pool[random.nextInt(pool.length)];
      }
      events.add(new MemoryAccess(ts, vm, 0, random.nextInt(3), (gvpn << 12) + offset,
          knownGpa ? (gpn << 12) + offset : -1L, op, size, hash));
    }
    // virtual pages of the accesses mapped by the guest's page tables: a guest page may end up mapped in
    // several address spaces, and a page the allocator model placed may be mapped elsewhere later
    for (int i = 0; i < 40; i++) {
      long ts = (long) (random.nextDouble() * 8.5 * SECOND) + SECOND / 3;
      long gvpn = 500 + random.nextInt(24);
      long gpn = random.nextInt(8) + 470;
      events.add(new PageTableOp(ts, VM_IDS[random.nextInt(VM_IDS.length)], 0, random.nextInt(3), PageTableOpKind.MAP,
          gvpn << 12, gpn << 12, 4096, 3));
    }
    return events;
  }

  /** One expected vm_intervals row. */
  private record Expected(int vm, long end, long accesses, long workingSet, long touched, long known, long zero,
      long intra, double inter, double potential) {}

  /** The brute-force model: event lists, hash maps and sets, recomputed from scratch per interval. */
  private static final class BruteForce {
    final List<Expected> vmRows = new ArrayList<>();
    final List<long[]> windowRows = new ArrayList<>();

    BruteForce(List<SpecificRecordBase> unsorted, SharingPolicy sharing, long startNs, long endNs) {
      List<SpecificRecordBase> events = new ArrayList<>(unsorted);
      events.sort((a, b) -> {
        int byTs = Long.compare(InMemoryTraceSource.ts(a), InMemoryTraceSource.ts(b));
        return byTs != 0 ? byTs : Integer.compare(InMemoryTraceSource.kind(a).ordinal(), InMemoryTraceSource.kind(b).ordinal());
      });
      Map<Integer, Map<String, Long>> placement = new HashMap<>();
      Map<Integer, Map<String, Long>> mapped = new HashMap<>();
      for (long end = (startNs / INTERVAL + 1) * INTERVAL; end <= (endNs / INTERVAL + 1) * INTERVAL; end += INTERVAL) {
        Map<Integer, Map<Long, Long>> content = new HashMap<>();
        Map<Integer, Set<Long>> touched = new HashMap<>();
        Map<Integer, List<long[]>> references = new HashMap<>();
        Map<Integer, Long> accesses = new HashMap<>();
        placement.clear();
        mapped.clear();
        for (SpecificRecordBase event : events) {
          long ts = InMemoryTraceSource.ts(event);
          if (ts >= end) {
            break;
          }
          if (event instanceof PageTableOp map) {
            mapped.computeIfAbsent(map.getVm(), v -> new HashMap<>())
                .put(map.getAsid() + ":" + (map.getGva() >>> 12), map.getGpa() >>> 12);
            continue;
          }
          if (event instanceof PageContent c) {
            content.computeIfAbsent(c.getVm(), v -> new HashMap<>()).put(c.getGpn(), c.getHash());
            touched.computeIfAbsent(c.getVm(), v -> new HashSet<>()).add(c.getGpn());
            continue;
          }
          MemoryAccess a = (MemoryAccess) event;
          int vm = a.getVm();
          if (ts >= end - INTERVAL) {
            accesses.merge(vm, 1L, Long::sum);
          }
          long address = a.getGpa() >= 0 ? a.getGpa() : a.getGva();
          long firstPage = address >>> 12;
          long lastPage = (address + a.getSize() - 1) >>> 12;
          for (long page = firstPage; page <= lastPage; page++) {
            long gpn = a.getGpa() >= 0 ? page : place(placement, mapped, vm, a.getAsid(), page);
            // the 2 MB region of the recorded address: physical, or virtual within its address space
            long traceRegion = a.getGpa() >= 0 ? page >>> 9 : 1L << 62 | (long) a.getAsid() << 40 | page >>> 9;
            touched.computeIfAbsent(vm, v -> new HashSet<>()).add(gpn);
            references.computeIfAbsent(vm, v -> new ArrayList<>()).add(new long[] {ts, gpn, traceRegion});
            if (a.getOp() == AccessOp.WRITE) {
              Map<Long, Long> pages = content.computeIfAbsent(vm, v -> new HashMap<>());
              if (a.getContentHash() == null) {
                pages.remove(gpn);
              } else {
                pages.put(gpn, a.getContentHash());
              }
            }
          }
        }
        for (int v = 0; v < VM_IDS.length; v++) {
          int vm = VM_IDS[v];
          List<long[]> refs = references.getOrDefault(vm, List.of());
          Map<Long, Long> pages = content.getOrDefault(vm, Map.of());
          long[] sharingFigures = sharing(content, v, sharing);
          vmRows.add(new Expected(vm, end, accesses.getOrDefault(vm, 0L), distinct(refs, end - INTERVAL, end, 0),
              touched.getOrDefault(vm, Set.of()).size(), pages.size(), sharingFigures[0], sharingFigures[1],
              Double.longBitsToDouble(sharingFigures[2]), Double.longBitsToDouble(sharingFigures[3])));
          for (long window : WINDOWS) {
            windowRows.add(new long[] {vm, end, window, distinct(refs, end - window, end, 0),
                distinctTraceRegions(refs, end - window, end), distinct(refs, end - window, end, 9)});
          }
        }
      }
    }

    /** The guest page of virtual page {@code gvpn}: as a page-table record mapped it, else as the allocator placed it. */
    private static long place(Map<Integer, Map<String, Long>> placement, Map<Integer, Map<String, Long>> mapped, int vm,
        int asid, long gvpn) {
      Long mappedGpn = mapped.getOrDefault(vm, Map.of()).get(asid + ":" + gvpn);
      if (mappedGpn != null) {
        return mappedGpn;
      }
      Map<String, Long> pages = placement.computeIfAbsent(vm, v -> new LinkedHashMap<>());
      return pages.computeIfAbsent(asid + ":" + gvpn, k -> GuestPageTables.FIRST_DATA_GPN + pages.size());
    }

    private static long distinct(List<long[]> refs, long from, long to, int shift) {
      Set<Long> seen = new HashSet<>();
      for (long[] ref : refs) {
        if (ref[0] >= from && ref[0] < to) {
          seen.add(ref[1] >>> shift);
        }
      }
      return seen.size();
    }

    private static long distinctTraceRegions(List<long[]> refs, long from, long to) {
      Set<Long> seen = new HashSet<>();
      for (long[] ref : refs) {
        if (ref[0] >= from && ref[0] < to) {
          seen.add(ref[2]);
        }
      }
      return seen.size();
    }

    /** zero, intra, inter (as double bits), potential (as double bits) of VM index {@code v}. */
    private static long[] sharing(Map<Integer, Map<Long, Long>> content, int v, SharingPolicy sharing) {
      Map<Long, Integer> copies = new HashMap<>();
      for (long hash : content.getOrDefault(VM_IDS[v], Map.of()).values()) {
        copies.merge(hash, 1, Integer::sum);
      }
      long zero = 0;
      long intra = 0;
      double inter = 0;
      double potential = 0;
      for (Map.Entry<Long, Integer> entry : copies.entrySet()) {
        long hash = entry.getKey();
        int n = entry.getValue();
        int holders = 0;
        for (int other = 0; other < VM_IDS.length; other++) {
          if (salt(other, sharing).equals(salt(v, sharing))
              && content.getOrDefault(VM_IDS[other], Map.of()).containsValue(hash)) {
            holders++;
          }
        }
        potential += n - 1.0 / holders;
        if (hash == ContentHashes.ZERO) {
          zero += n;
        } else {
          intra += n - 1;
          inter += 1 - 1.0 / holders;
        }
      }
      return new long[] {zero, intra, Double.doubleToLongBits(inter), Double.doubleToLongBits(potential)};
    }

    private static String salt(int v, SharingPolicy sharing) {
      String salt = SALTS[v];
      String own = "own-" + v;
      switch (sharing.salting()) {
        case 0:
          return "all";
        case 1:
          return salt != null ? salt : sharing.unsaltedVms() == UnsaltedVms.COMMON ? "unsalted" : own;
        default:
          return salt != null ? salt : own;
      }
    }
  }
}
