package io.memreplay.ingest.imports.demand;

import java.nio.file.Path;

/**
 * What to import and how.
 *
 * @param file the CSV file
 * @param map which column holds what, in which unit: the text of {@code --map} (see {@link ColumnMap})
 * @param host the host name in the trace and the scenario
 * @param guestMb configured memory of every VM, or {@value #GUEST_MB_FROM_SAMPLES} to take it from the
 *     configured column, or else from the largest amount the VM's samples show
 * @param hostMb the host's memory, or null for the sum of the VMs'
 * @param periodNs the sampling period of every record, or null to take it from the period column, or else
 *     from the time since the VM's previous sample
 */
public record DemandCsvOptions(Path file, String map, String host, long guestMb, Long hostMb, Long periodNs) {

  public static final long GUEST_MB_FROM_SAMPLES = 0;

  public DemandCsvOptions {
    require(file != null, "a CSV file is needed");
    require(map != null, "a column map is needed");
    require(host != null && !host.isBlank(), "host name must not be empty");
    require(guestMb >= 0, "guest memory must not be negative, was " + guestMb + " MB");
    require(hostMb == null || hostMb > 0, "host memory must be positive, was " + hostMb + " MB");
    require(periodNs == null || periodNs > 0, "the period must be positive, was " + periodNs + " ns");
  }

  /** The column map, parsed; its exception's message says what is wrong with it. */
  ColumnMap columnMap() {
    return ColumnMap.parse(map);
  }

  /** Checks the map now, so that a command line can refuse it as a usage error before anything is read. */
  public static void checkMap(String map) {
    ColumnMap.parse(map);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
