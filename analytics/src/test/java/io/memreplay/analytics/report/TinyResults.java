package io.memreplay.analytics.report;

import io.memreplay.analytics.results.EngineRows;
import io.memreplay.analytics.results.ParquetResultsDataset;
import io.memreplay.analytics.results.SampleRows;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A results dataset small enough to check reports by hand, with every column filled as the memory
 * engine will fill it, written through the real results sink. One trace, two policies ({@code tps}:
 * nested paging, only page sharing at work; {@code balloon}: shadow paging, ballooning, compression and
 * swapping), two VMs ({@code web}, 1 GB, and {@code db}, 2 GB), two 60 s intervals. Page counts are
 * multiples of 256, so that every size is a whole number of MB; the figures are in MB below.
 *
 * <pre>
 * vm_intervals     accesses ws consumed tps_saved balloon compressed cache swapped stall_ms
 *   tps web  0-60     1000  10      200        10       0          0     0       0        0
 *   tps web  60-120   1000  20      200        20       0          0     0       0        2
 *   tps db   0-60     3000  30      400         0       0          0     0       0        0
 *   tps db   60-120   3000  40      400        10       0          0     0       0        4
 *   bal web  0-60     1000  10      160         0      40         10     2       0       10
 *   bal web  60-120   1000  20      140         0      60         20     4      10       30
 *   bal db   0-60     3000  30      380         0      20          0     0       0        5
 *   bal db   60-120   3000  40      360         0      40          0     0       0       15
 * </pre>
 *
 * Every VM interval also has touched 100 MB, zero 4 MB, intra-VM duplicates 2 MB, inter-VM 1 MB,
 * sharing potential 6 MB at the first interval and 8 MB at the second. Host rows: {@code tps} HIGH, HIGH;
 * {@code balloon} SOFT then HARD. Miss-ratio curves of each VM and interval at 1, 2, 4 and 8 MB:
 * {@code web} 0.5, 0.2, 0.08, 0.01 then 0.6, 0.3, 0.12, 0.04; {@code db} 0.9, 0.7, 0.5, 0.3 twice.
 */
public final class TinyResults {

  public static final String TRACE_DIGEST = "sha256:0123456789abcdef";
  static final long SECOND = 1_000_000_000L;
  private static final long MB = 256;

  private TinyResults() {}

  /** Writes the dataset into {@code dir} as replay {@code replay-1}. */
  public static void write(Path dir) throws IOException {
    write(dir, "replay-1", "trace-1", TRACE_DIGEST);
  }

  /** The same rows as another replay, of the trace named {@code traceId} with content {@code traceDigest}. */
  public static void write(Path dir, String replayId, String traceId, String traceDigest) throws IOException {
    try (ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, replayId)) {
      RunOutput tps = dataset.openRun(replayId + "-tps", "tps");
      Rows t = new Rows(tps, replayId + "-tps", "tps");
      //    vm, interval, accesses, ws, consumed, saved, balloon, compressed, cache, swapped, stall_ms, swap_ins, decompressions
      t.vm(0, 0, 1000, 10, 200, 10, 0, 0, 0, 0, 0, 0, 0);
      t.vm(0, 1, 1000, 20, 200, 20, 0, 0, 0, 0, 2, 0, 0);
      t.vm(1, 0, 3000, 30, 400, 0, 0, 0, 0, 0, 0, 0, 0);
      t.vm(1, 1, 3000, 40, 400, 10, 0, 0, 0, 0, 4, 0, 0);
      t.host(0, "HIGH", 3000);
      t.host(1, "HIGH", 2900);
      t.translation("NESTED");
      t.curves();
      t.commit(traceId, traceDigest, 8000);
      RunOutput balloon = dataset.openRun(replayId + "-balloon", "balloon");
      Rows b = new Rows(balloon, replayId + "-balloon", "balloon");
      b.vm(0, 0, 1000, 10, 160, 0, 40, 10, 2, 0, 10, 0, 5);
      b.vm(0, 1, 1000, 20, 140, 0, 60, 20, 4, 10, 30, 7, 10);
      b.vm(1, 0, 3000, 30, 380, 0, 20, 0, 0, 0, 5, 0, 0);
      b.vm(1, 1, 3000, 40, 360, 0, 40, 0, 0, 0, 15, 0, 0);
      b.host(0, "SOFT", 300);
      b.host(1, "HARD", 100);
      b.translation("SHADOW");
      b.curves();
      b.commit(traceId, traceDigest, 8000);
      dataset.finish();
    }
  }

  /** The rows of one run. */
  private record Rows(RunOutput output, String runId, String policy) {

    void vm(int vm, int interval, long accesses, long ws, long consumed, long saved, long ballooned, long compressed,
        long cache, long swapped, long stallMs, long swapIns, long decompressions) throws IOException {
      long configured = vm == 0 ? 1024 : 2048;
      output.emit(EngineRows.of(VmInterval.newBuilder().setRunId(runId).setPolicy(policy).setHost("esx01").setVm(vm)
          .setVmName(vm == 0 ? "web" : "db").setIntervalStartNs(interval * 60 * SECOND)
          .setIntervalEndNs((interval + 1) * 60 * SECOND).setConfiguredPages(configured * MB).setReservationPages(0)
          .setLimitPages(null).setShares(configured * 10).setEntitlementPages((configured / 2) * MB)
          .setConsumedPages(consumed * MB).setOverheadPages(MB).setActiveEstimatePages(ws * MB + MB)
          .setAccesses(accesses).setReads(accesses / 2).setWrites(accesses / 4).setExecs(accesses - accesses / 2 - accesses / 4)
          .setWorkingSetPages(ws * MB).setTouchedPages(100 * MB).setKnownContentPages(100 * MB).setZeroPages(4 * MB)
          .setIntraDupPages(2 * MB).setInterDupPages(1.0 * MB).setSharingPotentialPages((interval == 0 ? 6.0 : 8.0) * MB)
          .setSharedPages(2 * saved * MB).setSharedSavedPages(saved * 1.0 * MB).setBalloonedPages(ballooned * MB)
          .setCompressedPages(compressed * MB).setCompressionCachePages(cache * MB).setSwappedPages(swapped * MB)
          .setSwapIns(swapIns).setDecompressions(decompressions).setBalloonEvents(ballooned > 0 ? 3L : 0L)
          .setGuestPagingEvents(0L).setStallNs(stallMs * 1_000_000).build()));
      output.emit(EngineRows.of(WorkingSet.newBuilder().setRunId(runId).setPolicy(policy).setHost("esx01").setVm(vm)
          .setTNs((interval + 1) * 60 * SECOND).setTauNs(60 * SECOND).setWorkingSetPages(ws * MB)
          .setWorkingSetLargePages(ws / 2).build()));
    }

    void host(int interval, String state, long freeMb) throws IOException {
      output.emit(EngineRows.of(HostInterval.newBuilder().setRunId(runId).setPolicy(policy).setHost("esx01")
          .setIntervalStartNs(interval * 60 * SECOND).setIntervalEndNs((interval + 1) * 60 * SECOND)
          .setHostPages(4096 * MB).setFreePages(freeMb * MB).setVmkernelPages(128 * MB).setOverheadPages(2 * MB)
          .setMinFreePages(200 * MB).setState(state).setOvercommitRatio(3072.0 / 3968).setLargePagesBroken(interval * 5L)
          .setSharedSavedPages(policy.equals("tps") ? (interval == 0 ? 10.0 : 30.0) * MB : 0.0).setPoweredOnVms(2)
          .setAdmissionRefusals(0).build()));
    }

    /**
     * One row per VM and interval: 1000 accesses, 900 L1 hits on 4 KB entries, 60 L2 hits, 40 walks of 4
     * (nested: 10) entries each, 10 VM exits when shadow, and 20 cycles per access.
     */
    void translation(String mode) throws IOException {
      boolean nested = mode.equals("NESTED");
      for (int vm = 0; vm < 2; vm++) {
        for (int interval = 0; interval < 2; interval++) {
          output.emit(EngineRows.of(TranslationInterval.newBuilder().setRunId(runId).setPolicy(policy).setHost("esx01")
              .setVm(vm).setIntervalStartNs(interval * 60 * SECOND).setIntervalEndNs((interval + 1) * 60 * SECOND)
              .setMode(mode).setAccesses(1000).setL1Hits4k(900).setL1Hits2m(0).setL1Hits1g(0).setL2Hits4k(60)
              .setL2Hits2m(0).setL2Hits1g(0).setWalks(40).setWalkRefs(nested ? 400 : 160).setWalkCacheHits(20)
              .setNestedTlbHits(nested ? 10 : 0).setVmExits(nested ? 0 : 10).setTranslationCycles(20_000).build()));
        }
      }
    }

    void curves() throws IOException {
      double[][] web = {{0.5, 0.2, 0.08, 0.01}, {0.6, 0.3, 0.12, 0.04}};
      double[][] db = {{0.9, 0.7, 0.5, 0.3}, {0.9, 0.7, 0.5, 0.3}};
      for (int vm = 0; vm < 2; vm++) {
        for (int interval = 0; interval < 2; interval++) {
          double[] ratios = (vm == 0 ? web : db)[interval];
          for (int i = 0; i < ratios.length; i++) {
            output.emit(EngineRows.of(MrcPoint.newBuilder().setRunId(runId).setPolicy(policy).setHost("esx01").setVm(vm)
                .setWindowStartNs(interval * 60 * SECOND).setWindowEndNs((interval + 1) * 60 * SECOND)
                .setMethod("EXACT").setSamplingRate(1.0).setMemoryPages((1L << i) * MB).setMissRatio(ratios[i])
                .setReferences(vm == 0 ? 1000 : 3000).build()));
          }
        }
      }
    }

    void commit(String traceId, String traceDigest, long accesses) throws IOException {
      Run run = SampleRows.run(runId.substring(0, runId.lastIndexOf('-')), runId, policy);
      run.setTraceId(traceId);
      run.setTraceDigest(traceDigest);
      run.setHost("esx01");
      run.setScenario("two-vms");
      run.setAccesses(accesses);
      run.setRejected(0L);
      run.setIntervalNs(60 * SECOND);
      run.setSeed(1L);
      run.setPolicyDoc("name: " + policy + "\ntranslation:\n  mode: " + (policy.equals("tps") ? "nested" : "shadow")
          + "\n  guest_pages: 4k\n  host_backing: " + (policy.equals("tps") ? "2m" : "4k") + "\n");
      output.commit(EngineRows.of(run));
    }
  }
}
