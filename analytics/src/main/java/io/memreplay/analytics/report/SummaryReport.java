package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.TextTable;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A first look at a results dataset: for every run (one policy on one host), what was replayed and what
 * each VM's memory looked like; then, when several policies were replayed, how they compare. Columns of
 * mechanisms no run simulated (ballooning, compression, swapping...) are left out.
 *
 * <p>Printing defines the macro {@code pages_to_mb(pages)} in the database, which later queries may use.
 */
public final class SummaryReport {

  /** The status of a run that replayed its whole trace (engine's Replay.COMPLETE). */
  private static final String COMPLETE = "COMPLETE";

  private final ResultsDatabase database;

  public SummaryReport(ResultsDatabase database) {
    this.database = database;
  }

  public void print(PrintStream out) throws QueryException {
    database.execute(ReportSql.MACROS);
    List<RunLine> runs = database.query(ReportSql.RUNS, RunLine::readAll);
    if (runs.isEmpty()) {
      out.print("No runs in these results.\n");
      return;
    }
    out.print("memreplay summary: " + runs.size() + (runs.size() == 1 ? " run" : " runs") + "\n");
    out.print("Sizes in MB (4 KB pages * 4096 / 2^20); ws = working set, sharing = sharing potential.\n");
    out.print("*_mean and *_peak are over all intervals, event counts and stall_ms are totals,\n");
    out.print("other columns are at each VM's last interval.\n");
    for (RunLine run : runs) {
      out.print("\n");
      run.print(out);
      database.query(ReportSql.VMS, TextTable::read, run.runId()).withoutNullColumns().print(out);
      TextTable memory = database.query(ReportSql.VM_MEMORY, TextTable::read, run.runId()).withoutNullColumns();
      if (memory.rowCount() > 0) {
        out.print("Memory (MB, means over intervals; stall_ms and counts are totals)\n");
        memory.print(out);
      }
    }
    if (runs.stream().map(RunLine::policy).distinct().count() > 1) {
      out.print("\nPolicies compared (summed over each policy's runs)\n");
      database.query(ReportSql.POLICIES, TextTable::read).print(out);
      TextTable host = database.query(ReportSql.HOST_STATES, TextTable::read);
      if (host.rowCount() > 0) {
        out.print("\nHost memory by policy (seconds in each state; MB)\n");
        host.print(out);
        out.print("\nReclamation by VM and policy (stall_ms total; MB means over intervals)\n");
        database.query(ReportSql.MEMORY_POLICIES, TextTable::read).withoutNullColumns().print(out);
      }
    }
    TextTable translation = database.query(ReportSql.TRANSLATION, TextTable::read);
    if (translation.rowCount() > 0) {
      out.print("\nAddress translation by policy (TLB misses and walks per 1000 accesses; cost model cycles)\n");
      translation.print(out);
    }
  }

  /** The heading of one run's section. */
  private record RunLine(String runId, String policy, String traceId, String host, long intervals, long accesses,
      long rejected, String status) {

    static List<RunLine> readAll(ResultSet rows) throws SQLException {
      List<RunLine> runs = new ArrayList<>();
      while (rows.next()) {
        runs.add(new RunLine(rows.getString("run_id"), rows.getString("policy"), rows.getString("trace_id"),
            rows.getString("host"), rows.getLong("intervals"), rows.getLong("accesses"), rows.getLong("rejected"),
            rows.getString("status")));
      }
      return runs;
    }

    void print(PrintStream out) {
      out.print("Policy " + policy + ", run " + runId + "\n");
      out.print("trace " + traceId + " on host " + host + ": " + intervals + " intervals, " + accesses
          + " accesses, " + rejected + " rejected input rows\n");
      if (!COMPLETE.equals(status)) {
        out.print("this run is " + status + "\n");
      }
    }
  }
}
