package io.memreplay.analytics.report;

import io.memreplay.analytics.results.EngineRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.results.ParquetResultsDataset;
import io.memreplay.analytics.results.ResultTable;
import io.memreplay.analytics.results.SampleRows;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.VmInterval;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on two runs of one trace, two VMs and two intervals each. Page counts are picked so that the
 * MB figures (pages / 256) can be checked by hand; the comments next to the expected text show the sums.
 */
class SummaryReportTest {

  private static final String REPLAY = "replay-1";
  private static final long SECOND = 1_000_000_000L;
  /** 1024 MB and 2048 MB in 4 KB pages. */
  private static final long WEB_PAGES = 262_144;
  private static final long DB_PAGES = 524_288;

  @TempDir
  Path dir;

  @Test
  void reportShowsEveryRunItsVmsInMbAndComparesThePolicies() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    RunRows sharing = RunRows.open(dataset, "run-a", "esxi-default");
    //     interval, vm, name, configured, ws, touched, zero, intra, inter, potential, ballooned
    sharing.vm(0, 1, "web", WEB_PAGES, 256, 512, 64, 32, 16, 64, null);
    sharing.vm(1, 1, "web", WEB_PAGES, 768, 1024, 128, 64, 32, 224, null);
    sharing.vm(0, 2, "db", DB_PAGES, 1280, 2048, 0, 0, 16, 16, null);
    sharing.vm(1, 2, "db", DB_PAGES, 2560, 2560, 256, 0, 32, 288, null);
    sharing.commit();
    RunRows noSharing = RunRows.open(dataset, "run-b", "no-sharing");
    noSharing.vm(0, 1, "web", WEB_PAGES, 256, 512, 64, 32, 16, 64, 0L);
    noSharing.vm(1, 1, "web", WEB_PAGES, 1280, 1024, 128, 64, 32, 96, 0L);
    noSharing.vm(0, 2, "db", DB_PAGES, 1280, 2048, 0, 0, 16, 16, 0L);
    noSharing.vm(1, 2, "db", DB_PAGES, 2560, 2560, 256, 0, 32, 288, 512L);
    noSharing.commit();
    dataset.finish();

    // esxi-default, web: ws mean (256 + 768) / 2 = 512 pages = 2 MB, peak 768 = 3 MB; sharing 224 = 0.875 MB,
    //   its mean (64 + 224) / 2 = 144 pages = 0.5625 MB, shown rounded half up.
    // esxi-default, db: ws mean (1280 + 2560) / 2 = 1920 = 7.5 MB; sharing mean (16 + 288) / 2 = 152 = 0.59375 MB.
    // no-sharing, web: ws mean (256 + 1280) / 2 = 768 = 3 MB, peak 5 MB; sharing mean (64 + 96) / 2 = 80 = 0.3125 MB.
    // Only no-sharing has the memory engine's figures (esxi-default's are NULL: no memory section): consumed
    //   means (512 + 1024) / 2 = 768 pages = 3 MB and (2048 + 2560) / 2 = 2304 = 9 MB; ballooned mean for db
    //   (0 + 512) / 2 = 256 = 1 MB.
    // Compared: sharing (224 + 288) / 256 = 2 MB and (96 + 288) / 256 = 1.5 MB; host ws per interval
    //   256 + 1280 = 1536 and 768 + 2560 = 3328, mean 2432 = 9.5 MB; for no-sharing 1536 and 3840, mean 10.5 MB.
    assertEquals("""
        memreplay summary: 2 runs
        Sizes in MB (4 KB pages * 4096 / 2^20); ws = working set, sharing = sharing potential.
        *_mean and *_peak are over all intervals, event counts and stall_ms are totals,
        other columns are at each VM's last interval.

        Policy esxi-default, run run-a
        trace trace-1 on host esx01: 2 intervals, 5000 accesses, 3 rejected input rows
        vm | name | configured | ws_mean | ws_peak | touched | zero | intra_dup | inter_dup | sharing | sharing_mean
        ---+------+------------+---------+---------+---------+------+-----------+-----------+---------+-------------
         1 | web  |     1024.0 |     2.0 |     3.0 |     4.0 |  0.5 |      0.25 |     0.125 |   0.875 |        0.563
         2 | db   |     2048.0 |     7.5 |    10.0 |    10.0 |  1.0 |       0.0 |     0.125 |   1.125 |        0.594

        Policy no-sharing, run run-b
        trace trace-1 on host esx01: 2 intervals, 5000 accesses, 3 rejected input rows
        vm | name | configured | ws_mean | ws_peak | touched | zero | intra_dup | inter_dup | sharing | sharing_mean
        ---+------+------------+---------+---------+---------+------+-----------+-----------+---------+-------------
         1 | web  |     1024.0 |     3.0 |     5.0 |     4.0 |  0.5 |      0.25 |     0.125 |   0.375 |        0.313
         2 | db   |     2048.0 |     7.5 |    10.0 |    10.0 |  1.0 |       0.0 |     0.125 |   1.125 |        0.594
        Memory (MB, means over intervals; stall_ms and counts are totals)
        vm | name | consumed |  ws | ballooned | blocked
        ---+------+----------+-----+-----------+--------
         1 | web  |      3.0 | 3.0 |       0.0 |       0
         2 | db   |      9.0 | 7.5 |       1.0 |       0

        Policies compared (summed over each policy's runs)
        policy       | runs | sharing | ws_mean
        -------------+------+---------+--------
        esxi-default |    1 |     2.0 |     9.5
        no-sharing   |    1 |     1.5 |    10.5
        """, report());
  }

  @Test
  void singlePolicyHasNoComparison() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    RunRows only = RunRows.open(dataset, "run-a", "esxi-default");
    only.vm(0, 1, "web", WEB_PAGES, 256, 512, 64, 32, 16, 64, null);
    only.commit();
    dataset.finish();

    String report = report();
    assertFalse(report.contains("Policies compared"), report);
  }

  @Test
  void resultsWithoutRunsSaySo() throws Exception {
    ParquetResultsDataset.create(dir, REPLAY).close();

    assertEquals("No runs in these results.\n", report());
  }

  private String report() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir));
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new SummaryReport(database).print(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void translationSectionShowsMissesPerThousandReferencesPerWalkAndCyclesPerAccess() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    RunRows nested = RunRows.open(dataset, "run-a", "esxi-default");
    nested.vm(0, 1, "web", WEB_PAGES, 256, 512, 64, 32, 16, 64, null);
    // two intervals of one VM: 1000 + 3000 accesses, L1 hits 900 + 2700 (400 L1 misses), walks 40 + 60,
    // walk references 400 + 600, cycles 6000 + 14000
    nested.translation(0, 1000, 900, 40, 400, 6000);
    nested.translation(1, 3000, 2700, 60, 600, 14000);
    nested.commit();
    dataset.finish();
    String report = report();
    // L1 misses per 1000: 1000 * 400 / 4000 = 100; walks per 1000: 1000 * 100 / 4000 = 25;
    // references per walk: 1000 / 100 = 10; cycles per access: 20000 / 4000 = 5
    assertTrue(report.contains("Address translation by policy"), report);
    assertTrue(report.contains("esxi-default | NESTED |     4000 |            100.0 |         25.0 |          10.0 |        0 |               5.0"),
        report);
  }

  /** The rows of one run, with the columns the report reads set by hand. */
  private record RunRows(RunOutput output, String runId, String policy) {

    static RunRows open(ParquetResultsDataset dataset, String runId, String policy) throws Exception {
      return new RunRows(dataset.openRun(runId, policy), runId, policy);
    }

    /** One VM's row of one interval; columns the report does not read keep sample values or stay null. */
    void vm(int interval, int vm, String name, long configured, long workingSet, long touched, long zero,
        long intraDup, double interDup, double potential, Long ballooned) throws Exception {
      VmInterval row = SampleRows.sample(ResultTable.VM_INTERVALS, vm, true, Map.of("run_id", runId, "policy", policy));
      row.setVm(vm);
      row.setVmName(name);
      row.setIntervalStartNs(interval * SECOND);
      row.setIntervalEndNs((interval + 1) * SECOND);
      row.setConfiguredPages(configured);
      row.setWorkingSetPages(workingSet);
      row.setTouchedPages(touched);
      row.setZeroPages(zero);
      row.setIntraDupPages(intraDup);
      row.setInterDupPages(interDup);
      row.setSharingPotentialPages(potential);
      row.setBalloonedPages(ballooned);
      // the memory engine's figures: present with the balloon's in these tests
      row.setConsumedPages(ballooned == null ? null : touched);
      row.setBlockedFaults(0);
      output.emit(EngineRows.of(row));
    }

    /** One translation row of VM 1 for {@code interval}; hits other than L1 4 KB, exits and cache hits are 0. */
    void translation(int interval, long accesses, long l1Hits, long walks, long walkRefs, long cycles) throws Exception {
      output.emit(EngineRows.of(io.memreplay.schemas.avro.TranslationInterval.newBuilder().setRunId(runId).setPolicy(policy)
          .setHost("esx01").setVm(1).setIntervalStartNs(interval * SECOND).setIntervalEndNs((interval + 1) * SECOND)
          .setMode("NESTED").setAccesses(accesses).setL1Hits4k(l1Hits).setL1Hits2m(0).setL1Hits1g(0)
          .setL2Hits4k(accesses - l1Hits - walks).setL2Hits2m(0).setL2Hits1g(0).setWalks(walks).setWalkRefs(walkRefs)
          .setWalkCacheHits(0).setNestedTlbHits(0).setVmExits(0).setTranslationCycles(cycles).build()));
    }

    void commit() throws Exception {
      Run run = SampleRows.run(REPLAY, runId, policy);
      run.setTraceId("trace-1");
      run.setHost("esx01");
      run.setAccesses(5000L);
      run.setRejected(3L);
      output.commit(EngineRows.of(run));
    }
  }
}
