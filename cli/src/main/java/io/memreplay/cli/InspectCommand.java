package io.memreplay.cli;

import io.memreplay.ingest.inspect.TraceStatistics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memreplay inspect}: check a trace and show what it holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Checks a trace dataset and prints its statistics: events per kind, time span, and per VM the accesses, op mix and distinct 4 KB and 2 MB pages.")
final class InspectCommand implements Callable<Integer> {

  @Option(names = "--trace", required = true, paramLabel = "DIR", description = "the trace folder")
  Path trace;

  @Option(names = "--json", description = "print JSON instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    TraceStatistics statistics = TraceStatistics.of(ReplayCommand.open(trace));
    System.out.print(json ? statistics.toJson() : statistics.toText());
    return ExitCode.OK.code();
  }
}
