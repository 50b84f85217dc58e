package io.memreplay.ingest.imports.proc;

import java.util.HashSet;
import java.util.List;

/**
 * What to snapshot and how.
 *
 * @param pids the processes: each becomes VM 0, 1, ... in this order
 * @param host the host name in the trace and the scenario
 * @param guestMb configured memory of every VM, or {@value #GUEST_MB_FROM_RESIDENT} to size each VM from the
 *     pages recorded of it (see {@link io.memreplay.ingest.imports.ImportScenario#guestMbFor})
 * @param hostMb the host's memory, or null for the sum of the VMs'
 * @param usePagemap take residency from {@code /proc/PID/pagemap}; false reads every mapped page (what
 *     happens anyway when the pagemap cannot be opened)
 */
public record SnapshotOptions(List<Integer> pids, String host, long guestMb, Long hostMb, boolean usePagemap) {

  public static final long GUEST_MB_FROM_RESIDENT = 0;

  public SnapshotOptions {
    require(pids != null && !pids.isEmpty(), "at least one process id is needed");
    require(new HashSet<>(pids).size() == pids.size(), "a process id is given twice: " + pids);
    for (int pid : pids) {
      require(pid > 0, "process ids are positive, was " + pid);
    }
    require(host != null && !host.isBlank(), "host name must not be empty");
    require(guestMb >= 0, "guest memory must not be negative, was " + guestMb + " MB");
    require(hostMb == null || hostMb > 0, "host memory must be positive, was " + hostMb + " MB");
    pids = List.copyOf(pids);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
