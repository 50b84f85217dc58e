package io.memreplay.ingest.imports.damon;

import java.nio.file.Path;
import java.util.List;

/**
 * What to import and how.
 *
 * @param files DAMON record files; each monitoring target in them becomes a VM, or with {@code asProcesses} an
 *     address space of one VM, in file order
 * @param host the host name in the trace and the scenario
 * @param windowNs how long a window of accesses is (see {@link AccessWindows}), or null for the recording's
 *     aggregation interval
 * @param minAccesses the nr_accesses (samples) from which a region counts as accessed in a snapshot; at least 1
 * @param guestMb configured memory of every VM, or 0 to size each VM from the memory its targets were found
 *     accessing
 */
public record DamonOptions(List<Path> files, boolean asProcesses, String host, Long windowNs, int minAccesses,
    long guestMb) {

  public static final int DEFAULT_MIN_ACCESSES = 1;
  public static final long GUEST_MB_FROM_FOOTPRINT = 0;

  public DamonOptions {
    require(files != null && !files.isEmpty(), "at least one DAMON record file is needed");
    require(host != null && !host.isBlank(), "host name must not be empty");
    require(windowNs == null || windowNs > 0, "the window must be positive, was " + windowNs + " ns");
    require(minAccesses >= 1, "--min-accesses must be at least 1, was " + minAccesses);
    require(guestMb >= 0, "guest memory must not be negative, was " + guestMb + " MB");
    files = List.copyOf(files);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
