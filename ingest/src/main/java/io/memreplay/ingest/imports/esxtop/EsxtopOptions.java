package io.memreplay.ingest.imports.esxtop;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What to import and how.
 *
 * @param files esxtop batch files of one host, in any order (their samples are sorted by time)
 * @param host the host name in the trace and the scenario, or null for the one the files' columns name
 * @param hostMb the host's memory, or null for the files' {@code Memory\Machine MBytes}, else the sum of the VMs'
 * @param periodNs the sampling period of every sample, or null for the time between a file's rows
 * @param counters per counter key ({@code ballooned}, ...; see {@link Counter}), the name it has in the files when
 *     esxtop's names do not match
 */
public record EsxtopOptions(List<Path> files, String host, Long hostMb, Long periodNs, Map<String, String> counters) {

  /** The keys {@code counters} takes, in esxtop's order: the demand's counters, then the observed ones. */
  public static final List<String> COUNTER_KEYS = Arrays.stream(Counter.values()).map(Counter::key).toList();

  public EsxtopOptions {
    require(files != null && !files.isEmpty(), "at least one esxtop file is needed");
    require(host == null || !host.isBlank(), "host name must not be empty");
    require(hostMb == null || hostMb > 0, "host memory must be positive, was " + hostMb + " MB");
    require(periodNs == null || periodNs > 0, "the period must be positive, was " + periodNs + " ns");
    files = List.copyOf(files);
    counters = Map.copyOf(counters);
  }

  /** Checks {@code --counter} keys now, so that a command line can refuse a wrong one before anything is read. */
  public static void checkCounters(Map<String, String> counters) {
    new CounterNames(counters);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
