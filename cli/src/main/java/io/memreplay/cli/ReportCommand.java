package io.memreplay.cli;

import io.memreplay.analytics.report.SummaryReport;
import io.memreplay.analytics.sql.QueryException;
import io.memreplay.analytics.sql.ResultsDatabase;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code memreplay report}: a readable summary per policy and VM. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Prints a summary of a results dataset: each run, each VM's memory and working set, and the policies side by side.")
final class ReportCommand implements Callable<Integer> {

  @Mixin
  ResultsOptions results;

  @Override
  public Integer call() throws Exception {
    try (ResultsDatabase database = results.open()) {
      new SummaryReport(database).print(System.out);
    } catch (QueryException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    return ExitCode.OK.code();
  }
}
