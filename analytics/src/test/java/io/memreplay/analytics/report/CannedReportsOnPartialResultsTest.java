package io.memreplay.analytics.report;

import io.memreplay.analytics.results.EngineRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.analytics.results.ParquetResultsDataset;
import io.memreplay.analytics.results.ResultTable;
import io.memreplay.analytics.results.SampleRows;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.VmInterval;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports over results without the memory engine's columns (as today's engine writes them: NULL, no host
 * rows, no curves) or without any run: every report runs, and says NULL or has no rows, rather than fail
 * or invent zeros.
 */
class CannedReportsOnPartialResultsTest {

  @TempDir
  Path dir;

  @Test
  void withoutMemoryEngineColumnsEveryReportRunsAndLeavesThemNull() throws Exception {
    try (ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, "replay-1")) {
      RunOutput output = dataset.openRun("run-a", "esxi-default");
      for (int interval = 0; interval < 2; interval++) {
        VmInterval row = SampleRows.sample(ResultTable.VM_INTERVALS, 1, true, Map.of("run_id", "run-a", "policy", "esxi-default"));
        row.setIntervalEndNs(interval + 1L);
        output.emit(EngineRows.of(row));
      }
      output.commit(EngineRows.of(SampleRows.run("replay-1", "run-a", "esxi-default")));
      dataset.finish();
    }
    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      new CannedReports(database, ReportParameters.DEFAULT);
      for (CannedReport report : CannedReport.values()) {
        ReportRows.of(database, report);
      }
      Map<String, Object> comparison = ReportRows.of(database, CannedReport.POLICY_COMPARISON).rows().get(0);
      for (String column : List.of("stall_ms", "consumed_mb", "tps_saved_mb", "ballooned_mb", "compression_saved_mb",
          "swapped_mb", "swap_ins")) {
        assertNull(comparison.get(column), column + " was not simulated");
      }
      assertEquals(2L, ((Number) comparison.get("intervals")).longValue());
      assertTrue(ReportRows.of(database, CannedReport.HOST_TIMELINE).rows().isEmpty());
      assertTrue(ReportRows.of(database, CannedReport.MEMORY_FOR_MISS_RATIO).rows().isEmpty());
      assertNull(ReportRows.of(database, CannedReport.SHARING_SAVINGS).rows().get(0).get("tps_saved_mb"));
    }
  }

  @Test
  void withoutRunsEveryReportIsEmpty() throws Exception {
    ParquetResultsDataset.create(dir, "replay-1").close();
    try (ResultsDatabase database = ResultsDatabase.open(List.of(dir))) {
      new CannedReports(database, ReportParameters.DEFAULT);
      for (CannedReport report : CannedReport.values()) {
        assertEquals(List.of(), ReportRows.of(database, report).rows(), report.reportName());
      }
    }
  }
}
