package io.memreplay.ingest.imports.damon;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;

/**
 * DAMON record files as {@code damo record} writes them, built by tests: the JSON form (numbers as damo's text,
 * addresses with thousands separators), zlib'd ({@code json_compressed}, damo's default), and {@code perf script}
 * lines.
 */
public final class DamonRecords {

  private DamonRecords() {}

  /** A region: {@code [start, end)} and how many of the snapshot's samples found it accessed. */
  public record Region(long start, long end, int accesses) {}

  public record Snapshot(long startNs, long endNs, List<Region> regions) {}

  public record Target(String id, List<Snapshot> snapshots) {}

  /** The JSON damo writes for {@code targets}, with its sampling and aggregation intervals (µs). */
  public static String json(List<Target> targets) {
    StringBuilder json = new StringBuilder("[\n");
    for (int t = 0; t < targets.size(); t++) {
      Target target = targets.get(t);
      json.append("    {\n        \"kdamond_idx\": null,\n        \"context_idx\": null,\n")
          .append("        \"intervals\": {\"sample_us\": \"5000\", \"aggr_us\": \"100000\", \"ops_update_us\": \"1000000\"},\n")
          .append("        \"scheme_idx\": null,\n        \"target_id\": ").append(target.id()).append(",\n")
          .append("        \"scheme_filters\": [],\n        \"snapshots\": [\n");
      for (int s = 0; s < target.snapshots().size(); s++) {
        Snapshot snapshot = target.snapshots().get(s);
        json.append("            {\n                \"start_time\": \"").append(snapshot.startNs()).append("\",\n")
            .append("                \"end_time\": \"").append(snapshot.endNs()).append("\",\n")
            .append("                \"regions\": [\n");
        long total = 0;
        for (int r = 0; r < snapshot.regions().size(); r++) {
          Region region = snapshot.regions().get(r);
          total += region.end() - region.start();
          json.append("                    {\n")
              .append("                        \"start\": \"").append(thousands(region.start())).append("\",\n")
              .append("                        \"end\": \"").append(thousands(region.end())).append("\",\n")
              .append("                        \"nr_accesses\": {\n                            \"samples\": ")
              .append(region.accesses()).append(",\n                            \"percent\": null\n                        },\n")
              .append("                        \"age\": {\"usec\": null, \"aggr_intervals\": \"3\"}\n")
              .append("                    }").append(r + 1 < snapshot.regions().size() ? "," : "").append('\n');
        }
        json.append("                ],\n                \"total_bytes\": \"").append(total).append("\"\n            }")
            .append(s + 1 < target.snapshots().size() ? "," : "").append('\n');
      }
      json.append("        ]\n    }").append(t + 1 < targets.size() ? "," : "").append('\n');
    }
    return json.append("]").toString();
  }

  /** {@code json} as damo's {@code json_compressed}: zlib. */
  public static byte[] zlib(String json) throws java.io.IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** The {@code perf script} lines of {@code targets}: end times only, one line per region. */
  public static String perfScript(List<Target> targets) {
    StringBuilder text = new StringBuilder();
    for (Target target : targets) {
      for (Snapshot snapshot : target.snapshots()) {
        for (Region region : snapshot.regions()) {
          text.append(String.format(Locale.ROOT, "       kdamond.0  4452 [000] %.6f: damon:damon_aggregated: "
              + "target_id=%s nr_regions=%d %d-%d: %d 3%n", snapshot.endNs() / 1e9, target.id(),
              snapshot.regions().size(), region.start(), region.end(), region.accesses()));
        }
      }
    }
    return text.toString();
  }

  private static String thousands(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
