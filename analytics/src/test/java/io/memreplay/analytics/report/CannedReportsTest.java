package io.memreplay.analytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.sql.ResultsDatabase;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every canned report on {@link TinyResults}, whose figures are checked by hand: the expected values
 * below are worked out in the comments from the table in that class (sizes in MB).
 */
class CannedReportsTest {

  @TempDir
  static Path dir;
  private static ResultsDatabase database;

  @BeforeAll
  static void writeAndOpen() throws Exception {
    TinyResults.write(dir);
    database = ResultsDatabase.open(List.of(dir));
    new CannedReports(database, ReportParameters.DEFAULT);
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @Test
  void policyComparisonSumsStallAndAveragesWhatEachMechanismTook() throws Exception {
    ReportRows report = rows(CannedReport.POLICY_COMPARISON, "vm", "vm_name", "policy", "run_id", "intervals", "accesses",
        "stall_ms", "stall_us_per_1k_accesses", "consumed_mb", "tps_saved_mb", "ballooned_mb", "compression_saved_mb",
        "swapped_mb", "swap_ins", "decompressions", "balloon_events", "guest_paging_events");
    assertEquals(List.of("balloon", "tps", "balloon", "tps"), report.rows().stream().map(r -> r.get("policy")).toList(),
        "the policies of one VM side by side");
    // web under balloon: stall 10 + 30 = 40 ms over 2000 accesses = 20,000 us per 1000; consumed (160 + 140) / 2;
    // ballooned (40 + 60) / 2; compression freed ((10 - 2) + (20 - 4)) / 2; swapped (0 + 10) / 2
    expect(report.row("vm", 0, "policy", "balloon"), "vm_name", "web", "intervals", 2, "accesses", 2000, "stall_ms", 40.0,
        "stall_us_per_1k_accesses", 20_000.0, "consumed_mb", 150.0, "tps_saved_mb", 0.0, "ballooned_mb", 50.0,
        "compression_saved_mb", 12.0, "swapped_mb", 5.0, "swap_ins", 7, "decompressions", 15, "balloon_events", 6);
    // web under tps: stall 2 ms over 2000 accesses; TPS saved (10 + 20) / 2
    expect(report.row("vm", 0, "policy", "tps"), "stall_ms", 2.0, "stall_us_per_1k_accesses", 1000.0,
        "consumed_mb", 200.0, "tps_saved_mb", 15.0, "ballooned_mb", 0.0);
    // db under tps: 4 ms over 6000 accesses = 666.667 us per 1000; saved (0 + 10) / 2
    expect(report.row("vm", 1, "policy", "tps"), "stall_us_per_1k_accesses", 666.667, "tps_saved_mb", 5.0);
  }

  @Test
  void memoryBreakdownHasEveryVmsMemoryAtEveryIntervalsEnd() throws Exception {
    ReportRows report = rows(CannedReport.MEMORY_BREAKDOWN, "policy", "run_id", "vm", "vm_name", "t_s", "configured_mb",
        "entitlement_mb", "consumed_mb", "tps_saved_mb", "ballooned_mb", "compressed_mb", "compression_cache_mb",
        "swapped_mb", "overhead_mb", "working_set_mb", "active_estimate_mb", "touched_mb");
    assertEquals(8, report.rows().size(), "2 runs x 2 VMs x 2 intervals");
    expect(report.row("policy", "balloon", "vm", 0, "t_s", 120), "configured_mb", 1024.0, "entitlement_mb", 512.0,
        "consumed_mb", 140.0, "ballooned_mb", 60.0, "compressed_mb", 20.0, "compression_cache_mb", 4.0, "swapped_mb", 10.0,
        "overhead_mb", 1.0, "working_set_mb", 20.0, "active_estimate_mb", 21.0, "touched_mb", 100.0);
  }

  @Test
  void hostTimelineMarksTheIntervalsWhereTheStateChanged() throws Exception {
    ReportRows report = rows(CannedReport.HOST_TIMELINE, "policy", "run_id", "host", "t_s", "state", "state_changed",
        "host_mb", "free_mb", "min_free_mb", "overcommit_ratio", "tps_saved_mb", "large_pages_broken", "powered_on_vms",
        "admission_refusals");
    expect(report.row("policy", "balloon", "t_s", 60), "state", "SOFT", "state_changed", false, "free_mb", 300.0,
        "min_free_mb", 200.0, "host_mb", 4096.0, "overcommit_ratio", 0.774);
    expect(report.row("policy", "balloon", "t_s", 120), "state", "HARD", "state_changed", true, "free_mb", 100.0,
        "large_pages_broken", 5);
    expect(report.row("policy", "tps", "t_s", 120), "state", "HIGH", "state_changed", false, "tps_saved_mb", 30.0);
  }

  @Test
  void sharingSavingsSplitsZeroIntraAndInterVmWithAHostTotal() throws Exception {
    ReportRows report = rows(CannedReport.SHARING_SAVINGS, "policy", "run_id", "vm", "vm_name", "zero_mb", "intra_vm_mb",
        "inter_vm_mb", "potential_mb", "potential_mean_mb", "tps_saved_mb", "tps_saved_mean_mb");
    assertEquals(6, report.rows().size(), "2 VMs and the host, for 2 runs");
    // at the last interval: potential 8, its mean (6 + 8) / 2; web saved 20 at the end, (10 + 20) / 2 on average
    expect(report.row("policy", "tps", "vm_name", "web"), "zero_mb", 4.0, "intra_vm_mb", 2.0, "inter_vm_mb", 1.0,
        "potential_mb", 8.0, "potential_mean_mb", 7.0, "tps_saved_mb", 20.0, "tps_saved_mean_mb", 15.0);
    // the host: both VMs; db saved 10 at the end and (0 + 10) / 2 on average
    Map<String, Object> host = report.row("policy", "tps", "vm_name", "(host)");
    assertNull(host.get("vm"));
    expect(host, "zero_mb", 8.0, "intra_vm_mb", 4.0, "inter_vm_mb", 2.0, "potential_mb", 16.0, "potential_mean_mb", 14.0,
        "tps_saved_mb", 30.0, "tps_saved_mean_mb", 20.0);
  }

  @Test
  void translationOverheadIsPerModeWithThePolicysPageSizes() throws Exception {
    ReportRows report = rows(CannedReport.TRANSLATION_OVERHEAD, "policy", "mode", "host_backing", "guest_pages",
        "accesses", "l1_hit_pct_4k", "l1_hit_pct_2m", "l1_hit_pct_1g", "l2_hit_pct_4k", "l2_hit_pct_2m", "l2_hit_pct_1g",
        "walks_per_1k", "refs_per_walk", "walk_cache_hits_per_walk", "nested_tlb_hits_per_walk", "vm_exits_per_1k",
        "cycles_per_access");
    // per VM interval: 1000 accesses, 900 L1 and 60 L2 hits on 4 KB entries, 40 walks of 10 (nested) or 4 entries,
    // 20 walk-cache hits, 10 nested-TLB hits (nested) or 10 exits (shadow), 20,000 cycles; four such rows per run
    expect(report.row("policy", "tps"), "mode", "NESTED", "host_backing", "2m", "guest_pages", "4k", "accesses", 4000,
        "l1_hit_pct_4k", 90.0, "l1_hit_pct_2m", 0.0, "l2_hit_pct_4k", 6.0, "walks_per_1k", 40.0, "refs_per_walk", 10.0,
        "walk_cache_hits_per_walk", 0.5, "nested_tlb_hits_per_walk", 0.25, "vm_exits_per_1k", 0.0, "cycles_per_access", 20.0);
    expect(report.row("policy", "balloon"), "mode", "SHADOW", "host_backing", "4k", "refs_per_walk", 4.0,
        "nested_tlb_hits_per_walk", 0.0, "vm_exits_per_1k", 10.0);
  }

  @Test
  void workingSetPercentilesInterpolateBetweenIntervals() throws Exception {
    ReportRows report = rows(CannedReport.WORKING_SET_PERCENTILES, "policy", "run_id", "vm", "vm_name", "intervals",
        "p0_mb", "p25_mb", "p50_mb", "p75_mb", "p100_mb", "mean_mb");
    // web: 10 and 20 MB; the quartiles lie a quarter, half and three quarters of the way
    expect(report.row("policy", "tps", "vm", 0), "intervals", 2, "p0_mb", 10.0, "p25_mb", 12.5, "p50_mb", 15.0,
        "p75_mb", 17.5, "p100_mb", 20.0, "mean_mb", 15.0);
    expect(report.row("policy", "balloon", "vm", 1), "p0_mb", 30.0, "p50_mb", 35.0, "p100_mb", 40.0);
  }

  @Test
  void memoryForMissRatioTakesTheSmallestSizeReachingEachTarget() throws Exception {
    ReportRows report = rows(CannedReport.MEMORY_FOR_MISS_RATIO, "policy", "run_id", "vm", "vm_name",
        "target_miss_ratio", "windows", "windows_reached", "needed_median_mb", "needed_peak_mb", "largest_mb", "methods",
        "min_sampling_rate");
    assertEquals(12, report.rows().size(), "2 runs x 2 VMs x 3 targets");
    // web: 0.1 is reached at 4 MB (0.08) in the first window and at 8 MB (0.04) in the second
    expect(report.row("policy", "tps", "vm", 0, "target_miss_ratio", 0.1), "vm_name", "web", "windows", 2,
        "windows_reached", 2, "needed_median_mb", 6.0, "needed_peak_mb", 8.0, "largest_mb", 8.0, "methods", "EXACT",
        "min_sampling_rate", 1.0);
    expect(report.row("policy", "tps", "vm", 0, "target_miss_ratio", 0.05), "needed_median_mb", 8.0, "needed_peak_mb", 8.0);
    // 0.01 only in the first window (0.01 at 8 MB); the second ends at 0.04: the median of 8 MB and "more
    // than any size" lies beyond every curve, and the peak is over the window that reached it
    Map<String, Object> strict = report.row("policy", "tps", "vm", 0, "target_miss_ratio", 0.01);
    expect(strict, "windows_reached", 1, "needed_peak_mb", 8.0);
    assertNull(strict.get("needed_median_mb"));
    // db never gets below 0.3
    Map<String, Object> db = report.row("policy", "tps", "vm", 1, "target_miss_ratio", 0.1);
    expect(db, "windows_reached", 0);
    assertNull(db.get("needed_median_mb"));
    assertNull(db.get("needed_peak_mb"));
  }

  @Test
  void aStricterMissRatioTargetNeverHasASmallerMedian() throws Exception {
    try (ResultsDatabase other = ResultsDatabase.open(List.of(dir))) {
      new CannedReports(other, new ReportParameters(List.of(0.3, 0.1, 0.05, 0.01)));
      // web's first window reaches 0.01 with 2 pages; the other two reach 0.1 with 4 and never 0.01: over the
      // windows that reached each target alone, 0.01 would need 2 pages and 0.1 four
      other.execute("CREATE OR REPLACE VIEW mrc AS SELECT run_id, 'tps' AS policy, 'esx01' AS host, 0 AS vm, "
          + "w * 60000000000 AS window_start_ns, (w + 1) * 60000000000 AS window_end_ns, 'EXACT' AS method, "
          + "1.0 AS sampling_rate, size AS memory_pages, CASE WHEN w = 0 THEN [0.5, 0.009, 0.009, 0.009][size] "
          + "ELSE [0.5, 0.3, 0.08, 0.04][size] END AS miss_ratio, 1000 AS \"references\" "
          + "FROM (SELECT run_id FROM runs WHERE policy = 'tps'), range(3) AS ws(w), range(1, 5) AS sizes(size)");
      List<Map<String, Object>> web = ReportRows.of(other, CannedReport.MEMORY_FOR_MISS_RATIO).rows().stream()
          .filter(row -> "tps".equals(row.get("policy")) && ((Number) row.get("vm")).intValue() == 0).toList();
      double previous = 0;
      for (Map<String, Object> row : web) { // loosest target first
        Object median = row.get("needed_median_mb");
        double value = median == null ? Double.POSITIVE_INFINITY : ((Number) median).doubleValue();
        assertTrue(value >= previous, web.toString());
        previous = value;
      }
    }
  }

  @Test
  void memoryForMissRatioTakesTheTargetsItIsGiven() throws Exception {
    try (ResultsDatabase other = ResultsDatabase.open(List.of(dir))) {
      new CannedReports(other, new ReportParameters(List.of(0.3)));
      ReportRows report = ReportRows.of(other, CannedReport.MEMORY_FOR_MISS_RATIO);
      assertEquals(4, report.rows().size());
      // db reaches 0.3 at 8 MB in both windows; web at 2 MB (0.2) and 2 MB (0.3)
      expect(report.row("policy", "tps", "vm", 1), "target_miss_ratio", 0.3, "needed_peak_mb", 8.0);
      expect(report.row("policy", "tps", "vm", 0), "needed_median_mb", 2.0, "needed_peak_mb", 2.0);
    }
  }

  @Test
  void runComparisonDescribesEachRunAndItsTotals() throws Exception {
    ReportRows report = rows(CannedReport.RUN_COMPARISON, "policy", "run_id", "replay_id", "trace_id", "trace_digest",
        "scenario", "scenario_digest", "policy_digest", "interval_s", "seed", "accesses", "host_working_set_mean_mb",
        "consumed_mean_mb", "sharing_potential_mb", "tps_saved_mean_mb", "stall_ms", "cycles_per_access");
    // tps: host working set (10 + 30, 20 + 40) on average 50; consumed 600; potential 8 + 8 at the end;
    // saved (10 + 0, 20 + 10) on average 20; stall 2 + 4; 20 cycles per access everywhere
    expect(report.row("policy", "tps"), "trace_id", "trace-1", "trace_digest", "0123456789ab", "interval_s", 60.0,
        "seed", 1, "accesses", 8000, "host_working_set_mean_mb", 50.0, "consumed_mean_mb", 600.0,
        "sharing_potential_mb", 16.0, "tps_saved_mean_mb", 20.0, "stall_ms", 6.0, "cycles_per_access", 20.0);
    // balloon: consumed (160 + 380, 140 + 360) on average 520; stall 10 + 30 + 5 + 15
    expect(report.row("policy", "balloon"), "consumed_mean_mb", 520.0, "tps_saved_mean_mb", 0.0, "stall_ms", 60.0);
  }

  @Test
  void everyReportHasItsQuestionAsTheFirstLineOfItsFile() {
    for (CannedReport report : CannedReport.values()) {
      assertTrue(report.question().endsWith("?"), report.reportName() + ": " + report.question());
    }
  }

  /** The report's rows, after checking that its columns are {@code columns}, in order. */
  private static ReportRows rows(CannedReport report, String... columns) throws Exception {
    ReportRows rows = ReportRows.of(database, report);
    assertEquals(Arrays.asList(columns), rows.columns(), report.reportName() + " columns");
    return rows;
  }

  private static void expect(Map<String, Object> row, Object... columnsAndValues) {
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      String column = (String) columnsAndValues[i];
      Object wanted = columnsAndValues[i + 1];
      Object value = row.get(column);
      if (wanted instanceof Number number) {
        assertTrue(value instanceof Number, column + " is " + value + " in " + row);
        assertEquals(number.doubleValue(), ((Number) value).doubleValue(), 1e-9, column + " in " + row);
      } else {
        assertEquals(wanted, value instanceof String || value instanceof Boolean ? value : String.valueOf(value),
            column + " in " + row);
      }
    }
  }
}
