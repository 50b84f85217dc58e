package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.SharingPolicy;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class ReplayTest {

  private static final long SECOND = 1_000_000_000L;
  private static final ReplayOptions OPTIONS = new ReplayOptions(SECOND, new long[] {SECOND}, 1);
  private static final Policy SHARE_ALL = new Policy("share-all", null, new SharingPolicy(0, null), null);
  private static final Policy SALTED = new Policy("salted", null, new SharingPolicy(2, null), null);

  /** Two VMs with the same page content, and a few accesses over 3 seconds. */
  private static List<SpecificRecordBase> twoVmTrace() {
    List<SpecificRecordBase> events = new ArrayList<>();
    events.add(new PageContent(0L, 0, 10L, 77L, false, null));
    events.add(new PageContent(0L, 1, 20L, 77L, false, null));
    for (int i = 0; i < 30; i++) {
      events.add(new MemoryAccess(i * SECOND / 10, i % 2, 0, 0, 0L, (long) i << 12, AccessOp.READ, 8, null));
    }
    return events;
  }

  private static RecordingOutput replay(List<SpecificRecordBase> events, List<Policy> policies, int... vmIds)
      throws Exception {
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(events, List.of(0, 1), 7), TestScenarios.scenario(vmIds, new String[vmIds.length]),
        policies, OPTIONS, output, ReplayProgress.NONE).run();
    return output;
  }

  @Test
  void policiesSeeTheSameTraceButShareDifferently() throws Exception {
    RecordingOutput output = replay(twoVmTrace(), List.of(SHARE_ALL, SALTED), 0, 1);
    VmInterval shared = output.runs.get("share-all").vmIntervals.get(0);
    VmInterval salted = output.runs.get("salted").vmIntervals.get(0);
    assertEquals(shared.getWorkingSetPages(), salted.getWorkingSetPages());
    assertEquals(0.5, shared.getInterDupPages(), 1e-12, "one content held by two VMs: each is charged half a frame");
    assertEquals(0.0, salted.getInterDupPages(), 1e-12, "unsalted VMs under salting 2 share only with themselves");
    assertTrue(output.finished);
  }

  @Test
  void everyIntervalOfTheTraceGetsOneRowPerVmEvenWithoutAccesses() throws Exception {
    RecordingOutput output = replay(twoVmTrace(), List.of(SALTED), 0, 1);
    List<VmInterval> rows = output.runs.get("salted").vmIntervals;
    // trace spans [0, 2.9 s]: intervals ending at 1, 2 and 3 s, for two VMs
    assertEquals(6, rows.size());
    assertEquals(List.of(SECOND, SECOND, 2 * SECOND, 2 * SECOND, 3 * SECOND, 3 * SECOND),
        rows.stream().map(VmInterval::getIntervalEndNs).toList());
    assertEquals(30, rows.stream().mapToLong(VmInterval::getAccesses).sum());
  }

  @Test
  void aSparseTraceWithADayLongGapFinishesWithARowPerVmForEveryEmptyInterval() throws Exception {
    long minute = 60 * SECOND;
    long day = 24 * 60 * minute;
    List<SpecificRecordBase> events = List.of(new MemoryAccess(0L, 0, 0, 0, 0L, 4096L, AccessOp.READ, 8, null),
        new MemoryAccess(day, 1, 0, 0, 0L, 8192L, AccessOp.WRITE, 8, 5L));
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(events, List.of(0, 1), 7), TestScenarios.scenario(new int[] {0, 1}, new String[2]),
        List.of(SALTED), new ReplayOptions(minute, new long[] {minute}, 1), output, ReplayProgress.NONE).run();
    List<VmInterval> rows = output.runs.get("salted").vmIntervals;
    assertEquals(2 * (24 * 60 + 1), rows.size(), "every minute of the day and the one the last access falls in");
    assertEquals(List.of(1L, 0L), rows.subList(0, 2).stream().map(VmInterval::getAccesses).toList());
    assertEquals(List.of(0L, 1L), rows.subList(rows.size() - 2, rows.size()).stream().map(VmInterval::getAccesses).toList());
    assertTrue(rows.subList(2, rows.size() - 2).stream().allMatch(row -> row.getAccesses() == 0 && row.getWorkingSetPages() == 0));
    assertEquals(day, rows.get(rows.size() - 1).getIntervalStartNs());
    Run run = output.runs.get("salted").committed;
    assertEquals(Replay.COMPLETE, run.getStatus());
    assertEquals(0L, run.getLostEvents());
  }

  @Test
  void rowsOfVmsOutsideTheScenarioAreRejectedAndCounted() throws Exception {
    RecordingOutput output = replay(twoVmTrace(), List.of(SALTED), 0);
    assertEquals(16, output.rejects.size(), "VM 1's content snapshot and 15 accesses");
    Reject reject = output.rejects.get(0);
    assertEquals(1, reject.getVm());
    assertTrue(reject.getReason().contains("not in scenario 'test'"), reject.getReason());
    assertFalse(reject.getReplayId().isEmpty());
    Run run = output.runs.get("salted").committed;
    assertEquals(16, run.getRejected());
    assertEquals(15, run.getAccesses());
  }

  /** Readers show a replay's rejects once one of its runs is there, so they go first: no run lacks them. */
  @Test
  void aCompleteReplayPublishesItsRejectsBeforeItsRuns() throws Exception {
    RecordingOutput output = replay(twoVmTrace(), List.of(SHARE_ALL, SALTED), 0);
    assertEquals(List.of("rejects", "run share-all", "run salted"), output.publications);
  }

  @Test
  void theSameInputsGiveTheSameRowsAndIds() throws Exception {
    RecordingOutput first = replay(twoVmTrace(), List.of(SHARE_ALL, SALTED), 0, 1);
    RecordingOutput second = replay(twoVmTrace(), List.of(SHARE_ALL, SALTED), 0, 1);
    for (String policy : List.of("share-all", "salted")) {
      assertEquals(first.runs.get(policy).vmIntervals, second.runs.get(policy).vmIntervals);
      assertEquals(first.runs.get(policy).workingSets, second.runs.get(policy).workingSets);
      assertEquals(first.runs.get(policy).runId, second.runs.get(policy).runId);
    }
    assertNotEquals(first.runs.get("share-all").runId, first.runs.get("salted").runId);
  }

  @Test
  void sixteenPoliciesShareTwoThreadsAndEachGivesTheRowsItGivesAlone() throws Exception {
    List<Policy> policies = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      policies.add(new Policy("policy-" + i, null, new SharingPolicy(i % 2 == 0 ? 0 : 2, null), null));
    }
    Set<String> threads = ConcurrentHashMap.newKeySet();
    RecordingOutput together = new RecordingOutput(row -> threads.add(Thread.currentThread().getName()));
    new Replay(new InMemoryTraceSource(twoVmTrace(), List.of(0, 1), 7), TestScenarios.scenario(new int[] {0, 1},
        new String[2]), policies, OPTIONS, together, ReplayProgress.NONE, 2).run();

    assertTrue(threads.size() <= 2, "runs replayed on " + threads);
    for (Policy policy : List.of(policies.get(0), policies.get(15))) {
      RecordingOutput alone = replay(twoVmTrace(), List.of(policy), 0, 1);
      assertEquals(alone.runs.get(policy.name()).vmIntervals, together.runs.get(policy.name()).vmIntervals);
      assertEquals(alone.runs.get(policy.name()).workingSets, together.runs.get(policy.name()).workingSets);
    }
  }

  @Test
  void aFailingSourceAbortsEveryRunAndCommitsNothing() {
    TraceSource failing = new TraceSource() {
      @Override
      public TraceInfo info() {
        return new TraceInfo("t", "sha256:x", "h", List.of(0), 0, SECOND, 10);
      }

      @Override
      public Stream open(RecordScreen screen, Consumer<Reject> rejects) {
        return new Stream() {
          int calls;

          @Override
          public boolean next(TraceBatch batch) throws IOException {
            if (calls++ > 0) {
              throw new IOException("accesses/part-00000.parquet: corrupt data");
            }
            batch.clear();
            batch.accesses.add(0, 0, 0, 0, 0, 0, (byte) 0, 8, -1);
            return true;
          }

          @Override
          public long rejected() {
            return 0;
          }

          @Override
          public void close() {}
        };
      }
    };
    RecordingOutput output = new RecordingOutput();
    IOException e = assertThrows(IOException.class, () -> new Replay(failing, TestScenarios.scenario(new int[] {0},
        new String[1]), List.of(SHARE_ALL, SALTED), OPTIONS, output, ReplayProgress.NONE).run());
    assertTrue(e.getMessage().contains("corrupt"));
    for (RecordingOutput.RecordedRun run : output.runs.values()) {
      assertTrue(run.aborted);
      assertNull(run.committed);
    }
    assertFalse(output.finished);
  }

  /**
   * A run that fails while the reader still has batches to give it (here: a trace that touches far more
   * memory than the host, the VM's swap file and its reservation allow) aborts every run, and the replay
   * ends with its error instead of waiting forever on the failed run's full queue.
   */
  @Test
  void aRunThatFailsMidTraceAbortsEveryRunWithoutHanging() throws Exception {
    Scenario scenario = ConfigYaml.scenario("""
        name: too small
        host: {name: h, memory_mb: 16}
        vms:
          - {id: 0, memory_mb: 64, reservation_mb: 14, overhead_mb: 1, large_pages: false}
        """, "test");
    List<SpecificRecordBase> events = new ArrayList<>();
    for (long gpn = 0; gpn < 40_000; gpn++) {
      events.add(new MemoryAccess(gpn, 0, 0, 0, gpn << 12, gpn << 12, AccessOp.WRITE, 8, gpn + 1));
    }
    Policy noSharing = Policies.builtIn("swap-only");
    RecordingOutput output = new RecordingOutput();
    IllegalStateException e = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> assertThrows(
        IllegalStateException.class, () -> new Replay(new InMemoryTraceSource(events, List.of(0), 64), scenario,
            List.of(noSharing, SALTED), OPTIONS, output, ReplayProgress.NONE).run()));
    assertTrue(e.getMessage().contains("host memory exhausted"), e.getMessage());
    for (RecordingOutput.RecordedRun run : output.runs.values()) {
      assertTrue(run.aborted);
      assertNull(run.committed);
    }
  }

  @Test
  void translationRowsCountEveryAccessOncePerVmAndInterval() throws Exception {
    RecordingOutput output = replay(twoVmTrace(), List.of(SALTED), 0, 1);
    RecordingOutput.RecordedRun run = output.runs.get("salted");
    assertEquals(run.vmIntervals.size(), run.translations.size());
    for (int i = 0; i < run.translations.size(); i++) {
      TranslationInterval translation = run.translations.get(i);
      VmInterval vm = run.vmIntervals.get(i);
      assertEquals(vm.getVm(), translation.getVm());
      assertEquals(vm.getIntervalEndNs(), translation.getIntervalEndNs());
      assertEquals(vm.getAccesses(), translation.getAccesses());
      assertEquals("NESTED", translation.getMode());
    }
    assertTrue(run.translations.stream().mapToLong(TranslationInterval::getWalks).sum() > 0);
  }

  @Test
  void aPolicyWithoutTranslationWritesNoTranslationRows() throws Exception {
    Policy none = new Policy("no-translation", null, null, ConfigYamlPolicies.translationNone());
    RecordingOutput output = replay(twoVmTrace(), List.of(none), 0, 1);
    assertTrue(output.runs.get("no-translation").translations.isEmpty());
  }

  @Test
  void twoPoliciesWithOneNameAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Replay(new InMemoryTraceSource(twoVmTrace(), List.of(0, 1), 7),
        TestScenarios.scenario(new int[] {0, 1}, new String[2]), List.of(SALTED, SALTED), OPTIONS, new RecordingOutput(),
        ReplayProgress.NONE));
  }
}
