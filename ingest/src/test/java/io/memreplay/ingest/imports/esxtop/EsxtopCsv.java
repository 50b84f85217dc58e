package io.memreplay.ingest.imports.esxtop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * esxtop batch files as {@code esxtop -b} writes them, built by tests: a header record {@code "(PDH-CSV 4.0)
 * (UTC)(0)","\\HOST\OBJECT(INSTANCE)\COUNTER",...} and sample records {@code "MM/dd/yyyy HH:mm:ss","1024.00",...},
 * every field quoted, lines ended by CRLF as esxtop's PerfMon format has them.
 */
public final class EsxtopCsv {

  /** The Group Memory counters of a VM, as esxtop's batch mode names them, in its order. */
  public static final List<String> VM_COUNTERS = List.of("Members", "Memory Size MBytes", "Memory Granted Size MBytes",
      "Memory Consumed Size MBytes", "Target Size MBytes", "Touched MBytes", "Touched Write MBytes",
      "% Active Estimate", "% Active Slow Estimate", "% Active Fast Estimate", "% Active Next Estimate",
      "Memctl MBytes", "Swapped MBytes", "Swap Read MBytes/sec", "Compressed Memory MBytes", "Shared MBytes",
      "Shared Saved MBytes", "Zero MBytes", "Overhead MBytes");

  private final String host;
  private final StringBuilder text = new StringBuilder();

  public EsxtopCsv(String host) {
    this.host = host;
  }

  /** The columns of one VM's (or VMkernel group's) {@code counters}. */
  public static List<String> group(int gid, String name, List<String> counters) {
    List<String> columns = new ArrayList<>();
    for (String counter : counters) {
      columns.add("Group Memory(" + gid + ":" + name + ")\\" + counter);
    }
    return columns;
  }

  /** A header record in UTC, with the columns {@code OBJECT\COUNTER} of this file's host. */
  public EsxtopCsv header(List<String> columns) {
    return header("UTC", 0, columns);
  }

  /** A header record whose times are in {@code zone}, PerfMon's bias minutes from UTC. */
  public EsxtopCsv header(String zone, int biasMinutes, List<String> columns) {
    List<String> fields = new ArrayList<>();
    fields.add("(PDH-CSV 4.0) (" + zone + ")(" + biasMinutes + ")");
    for (String column : columns) {
      fields.add("\\\\" + host + "\\" + column);
    }
    return record(fields);
  }

  /** A sample record: its time, then one value per column. */
  public EsxtopCsv row(String time, List<String> values) {
    List<String> fields = new ArrayList<>();
    fields.add(time);
    fields.addAll(values);
    return record(fields);
  }

  /** Text as it is, for records a test breaks on purpose. */
  public EsxtopCsv raw(String raw) {
    text.append(raw);
    return this;
  }

  public byte[] bytes() {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  public Path write(Path file) throws IOException {
    return Files.write(file, bytes());
  }

  private EsxtopCsv record(List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      text.append(i == 0 ? "" : ",").append('"').append(fields.get(i).replace("\"", "\"\"")).append('"');
    }
    text.append("\r\n");
    return this;
  }
}
