package io.memreplay.ingest.imports;

import java.nio.file.Path;
import java.util.List;

/**
 * What to import and how.
 *
 * @param format the format of every file
 * @param files the trace files: each becomes VM 0, 1, ... in this order, or with {@code asProcesses} an
 *     address space 0, 1, ... of VM 0
 * @param asProcesses the files are processes of one VM instead of VMs of one host
 * @param nsPerAccess nominal trace time from one access to the next. The formats record no time, so
 *     access {@code i} of the whole import (files interleaved) is given time {@code i * nsPerAccess};
 *     default {@value #DEFAULT_NS_PER_ACCESS}
 * @param host the host name in the trace and the scenario
 * @param guestMb configured memory of every VM, or {@value #GUEST_MB_FROM_FOOTPRINT} to size each VM from
 *     the pages its trace touched (see {@link ImportScenario#guestMbFor})
 * @param hostMb the host's memory, or null for the sum of the VMs'
 */
public record ImportOptions(TraceFormat format, List<Path> files, boolean asProcesses, long nsPerAccess, String host,
    long guestMb, Long hostMb) {

  /** One nanosecond per access: trace time counts accesses, so a replay's intervals are access counts. */
  public static final long DEFAULT_NS_PER_ACCESS = 1;
  public static final long GUEST_MB_FROM_FOOTPRINT = 0;

  public ImportOptions {
    require(format != null, "a trace format is needed");
    require(files != null && !files.isEmpty(), "at least one trace file is needed");
    require(nsPerAccess >= 1, "ns per access must be at least 1, was " + nsPerAccess);
    require(host != null && !host.isBlank(), "host name must not be empty");
    require(guestMb >= 0, "guest memory must not be negative, was " + guestMb + " MB");
    require(hostMb == null || hostMb > 0, "host memory must be positive, was " + hostMb + " MB");
    files = List.copyOf(files);
  }

  /** Options whose host has the sum of the VMs' memory. */
  public ImportOptions(TraceFormat format, List<Path> files, boolean asProcesses, long nsPerAccess, String host,
      long guestMb) {
    this(format, files, asProcesses, nsPerAccess, host, guestMb, null);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
