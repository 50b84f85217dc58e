package io.memreplay.cli;

import io.memreplay.analytics.sql.TextTable;
import io.memreplay.ingest.inspect.TraceStatistics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memreplay inspect}: check a trace and show what it holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Checks a trace dataset and prints its statistics: events per kind, time span, and per VM the accesses, op mix and distinct 4 KB and 2 MB pages.")
final class InspectCommand implements Callable<Integer> {

  private static final List<String> VM_COLUMNS = List.of("vm", "name", "accesses", "reads", "writes", "execs",
      "4 KB pages", "as MB", "2 MB pages", "as MB");

  @Option(names = "--trace", required = true, paramLabel = "DIR", description = "the trace folder")
  Path trace;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    TraceStatistics statistics = TraceStatistics.of(ReplayCommand.open(trace));
    if (json) {
      System.out.print(statistics.toJson());
    } else {
      print(statistics, System.out);
    }
    return ExitCode.OK.code();
  }

  /** A report for people: the trace's totals, then a table of its VMs with page counts also in MB. */
  private static void print(TraceStatistics statistics, PrintStream out) {
    out.printf(Locale.ROOT, "trace     %s on host %s%n", statistics.traceId(), statistics.host());
    out.printf(Locale.ROOT, "digest    %s (%s)%n", statistics.digest(), switch (statistics.verification()) {
      case "full" -> "verified: every file's bytes match it";
      case "cheap" -> "sizes, row counts and footers match the manifest; the bytes were not digested";
      default -> "not verified";
    });
    out.printf(Locale.ROOT, "time      %,.3f s to %,.3f s (%,.3f s)%n", statistics.startNs() / 1e9,
        statistics.endNs() / 1e9, statistics.durationNs() / 1e9);
    TraceStatistics.EventCounts events = statistics.events();
    out.printf(Locale.ROOT, "events    %,d accesses, %,d page-table ops, %,d page contents, %,d demand samples%n",
        events.accesses(), events.pagetable(), events.contents(), events.demand());
    out.printf(Locale.ROOT, "rejected  %,d%n", statistics.rejected());
    for (TraceStatistics.RejectSample reject : statistics.firstRejects()) {
      out.printf(Locale.ROOT, "          %s row %d: %s%n", reject.source(), reject.row(), reject.reason());
    }
    if (statistics.importRejects() != null) {
      out.printf(Locale.ROOT, "import    %,d input lines rejected, in %s%n", statistics.importRejects().count(),
          statistics.importRejects().file());
    }
    List<Object[]> rows = new ArrayList<>();
    for (TraceStatistics.VmStatistics vm : statistics.vms()) {
      rows.add(new Object[] {vm.vm(), vm.name(), vm.accesses(), vm.reads(), vm.writes(), vm.execs(), vm.distinctPages4k(),
          vm.distinctPages4k() * 4 / 1024.0, vm.distinctPages2m(), vm.distinctPages2m() * 2.0});
    }
    out.print('\n');
    TextTable.of(VM_COLUMNS, rows).print(out);
  }
}
