package io.memreplay.ingest.imports.esxtop;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the columns of an esxtop batch file hold, from its header record: {@code "(PDH-CSV 4.0) (UTC)(0)"} (the
 * time zone of the timestamps and its bias in minutes, as PerfMon writes it), then one column per object,
 * instance and counter, {@code \\HOST\Group Memory(GID:NAME)\COUNTER}. Each VM (by name: a VM that was powered
 * off and on has a new GID but stays the same VM) gets the columns of the counters memreplay reads; the host's
 * {@code \\HOST\Memory\Machine MBytes} sizes the host. Columns of other objects ({@code esxtop -a}) are skipped.
 */
final class Layout {

  /** The marker of a header record's first field. */
  static final String HEADER_MARK = "(PDH-CSV";

  private static final Pattern FIRST_FIELD = Pattern.compile("\\(PDH-CSV [0-9.]+\\) \\((.*)\\)\\((-?[0-9]+)\\)");
  private static final String GROUP_MEMORY = "Group Memory(";
  private static final String HOST_MEMORY = "Memory";
  private static final String MACHINE_MBYTES = "machinembytes";

  private final int fields;
  private final long utcOffsetNs;
  private final String host;
  private final Map<String, int[]> vmColumns;
  private final int machineMbColumn;
  private final Set<Counter> found;

  private Layout(int fields, long utcOffsetNs, String host, Map<String, int[]> vmColumns, int machineMbColumn,
      Set<Counter> found) {
    this.fields = fields;
    this.utcOffsetNs = utcOffsetNs;
    this.host = host;
    this.vmColumns = vmColumns;
    this.machineMbColumn = machineMbColumn;
    this.found = found;
  }

  /**
   * The layout of the header record {@code reader} holds.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static Layout parse(PdhCsvReader reader, CounterNames names) {
    Matcher first = FIRST_FIELD.matcher(reader.text(0));
    if (!first.matches()) {
      throw new IllegalArgumentException("its first field '" + reader.text(0) + "' is not PerfMon's"
          + " \"(PDH-CSV 4.0) (ZONE)(BIAS)\"");
    }
    // PerfMon's bias is minutes to add to local time to get UTC
    long utcOffsetNs = Long.parseLong(first.group(2)) * 60_000_000_000L;
    String host = null;
    Map<String, int[]> vms = new LinkedHashMap<>();
    int machineMb = -1;
    Set<Counter> found = EnumSet.noneOf(Counter.class);
    for (int i = 1; i < reader.fields(); i++) {
      String column = reader.text(i);
      // \\HOST\OBJECT\COUNTER: the host may hold blanks, a VM name parentheses, colons and commas
      int hostEnd = column.indexOf('\\', 2);
      int counterStart = column.lastIndexOf('\\');
      if (!column.startsWith("\\\\") || hostEnd < 0 || counterStart <= hostEnd) {
        throw new IllegalArgumentException("column " + (i + 1) + " '" + column + "' is not \\\\HOST\\OBJECT\\COUNTER");
      }
      String columnHost = column.substring(2, hostEnd);
      if (host == null) {
        host = columnHost;
      } else if (!host.equals(columnHost)) {
        throw new IllegalArgumentException("column " + (i + 1) + " is of host '" + columnHost + "', column 2 of '"
            + host + "': one file holds one host");
      }
      String object = column.substring(hostEnd + 1, counterStart);
      String counterName = column.substring(counterStart + 1);
      if (object.equals(HOST_MEMORY) && Counter.normalized(counterName).equals(MACHINE_MBYTES)) {
        machineMb = i;
      } else if (object.startsWith(GROUP_MEMORY) && object.endsWith(")")) {
        Counter counter = names.of(counterName);
        if (counter != null) {
          String instance = object.substring(GROUP_MEMORY.length(), object.length() - 1);
          int colon = instance.indexOf(':');
          String vm = colon < 0 ? instance : instance.substring(colon + 1);
          vms.computeIfAbsent(vm, name -> newColumns())[counter.ordinal()] = i;
          found.add(counter);
        }
      }
    }
    return new Layout(reader.fields(), utcOffsetNs, host, vms, machineMb, found);
  }

  private static int[] newColumns() {
    int[] columns = new int[Counter.values().length];
    Arrays.fill(columns, -1);
    return columns;
  }

  /** Fields of every record under this header. */
  int fields() {
    return fields;
  }

  /** What to add to the timestamps, read as UTC, to make them UTC. */
  long utcOffsetNs() {
    return utcOffsetNs;
  }

  /** The host the columns name, or null when there is no column. */
  String host() {
    return host;
  }

  /** Per group name, the column of each {@link Counter} (by ordinal), -1 where absent. */
  Map<String, int[]> vmColumns() {
    return vmColumns;
  }

  /** The column of the host's machine memory, or -1. */
  int machineMbColumn() {
    return machineMbColumn;
  }

  /** The counters some group has a column of. */
  Set<Counter> found() {
    return found;
  }
}
