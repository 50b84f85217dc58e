package io.memreplay.analytics.report;

import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultFormat;
import io.memreplay.analytics.sql.ResultPrinter;
import io.memreplay.analytics.sql.ResultsDatabase;
import io.memreplay.analytics.sql.TraceDemandView;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs canned reports over a results database and prints them: as tables or Markdown, each under its
 * question; as JSON, one object with an array of rows per report name; as CSV, one report alone (a CSV
 * file holds one table).
 */
public final class CannedReports {

  private final ResultsDatabase database;

  /**
   * Defines the report parameters and macros in {@code database}, and the trace's demand view, empty unless
   * {@link ObservedTrace} attached a trace.
   */
  public CannedReports(ResultsDatabase database, ReportParameters parameters) throws QueryException {
    this.database = database;
    parameters.apply(database);
    TraceDemandView.defineEmptyUnlessDefined(database);
  }

  public void print(List<CannedReport> reports, ResultFormat format, PrintStream out) throws QueryException {
    if (format == ResultFormat.CSV && reports.size() != 1) {
      throw new IllegalArgumentException("CSV holds one table: choose one report, not " + reports.size());
    }
    ResultPrinter printer = new ResultPrinter(format);
    if (format == ResultFormat.JSON) {
      out.print("{\n");
    }
    for (int i = 0; i < reports.size(); i++) {
      CannedReport report = reports.get(i);
      switch (format) {
        case TABLE -> out.print((i == 0 ? "" : "\n") + report.question() + " [" + report.reportName() + "]\n");
        case MARKDOWN -> out.print((i == 0 ? "" : "\n") + "## " + report.question() + "\n\n`" + report.reportName()
            + "`\n\n");
        case JSON -> out.print((i == 0 ? "" : ",\n") + "\"" + report.reportName() + "\": ");
        case CSV -> { }
      }
      database.query(report.sql(), rows -> printer.print(rows, out));
    }
    if (format == ResultFormat.JSON) {
      out.print("}\n");
    }
  }
}
