package io.memreplay.ingest.imports.damon;

import io.memreplay.ingest.imports.InputRejects;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The {@code perf script} form of a DAMON record ({@code damo record --output_type perf_script}, or {@code perf
 * script} on the {@code perf.data} that {@code damo record} wrote): one line per region of each snapshot,
 *
 * <pre>
 * kdamond.0  4452 [000] 82877.315633: damon:damon_aggregated: target_id=18446623435582458880 nr_regions=17 140731667070976-140731668037632: 0 3
 * </pre>
 *
 * that is the snapshot's end time in seconds, the target, how many regions the snapshot has, the region's start
 * and end, its nr_accesses (samples) and age. A snapshot starts where the target's previous one ended; the first
 * one lasts as long as the others do. Lines of other events (such as DAMOS's {@code
 * damos_before_apply}) are skipped, and counted.
 */
final class PerfScriptReader {

  private static final String EVENT = "damon:damon_aggregated:";

  private PerfScriptReader() {}

  /** @return lines skipped: blank, or of other events */
  static long read(InputStream in, String prefix, DamonRecording recording, RecordRejects rejects, int minAccesses)
      throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    long skipped = 0;
    long lineNumber = 0;
    String currentTarget = null;
    long currentEndNs = -1;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      String[] fields = line.strip().split("\\s+");
      int event = indexOf(fields, EVENT);
      if (event < 0) {
        skipped++;
        continue;
      }
      // TIME: EVENT target_id=ID nr_regions=N START-END: NR_ACCESSES [AGE]
      if (event < 1 || fields.length < event + 6 || !fields[event - 1].endsWith(":")
          || !fields[event + 1].startsWith("target_id=") || !fields[event + 2].startsWith("nr_regions=")
          || !fields[event + 3].endsWith(":") || fields[event + 3].indexOf('-') < 1) {
        rejects.reject(InputRejects.LINE, lineNumber, "not a damon_aggregated line: TIME: damon:damon_aggregated: target_id=ID"
            + " nr_regions=N START-END: NR_ACCESSES AGE", line);
        continue;
      }
      String target = fields[event + 1].substring("target_id=".length());
      long endNs;
      long start;
      long end;
      long accesses;
      try {
        endNs = Math.round(Double.parseDouble(fields[event - 1].substring(0, fields[event - 1].length() - 1)) * 1e9);
        String range = fields[event + 3].substring(0, fields[event + 3].length() - 1);
        int dash = range.indexOf('-');
        start = Long.parseLong(range.substring(0, dash));
        end = Long.parseLong(range.substring(dash + 1));
        accesses = Long.parseLong(fields[event + 4]);
      } catch (NumberFormatException e) {
        rejects.reject(InputRejects.LINE, lineNumber, "a number does not parse (" + e.getMessage() + ")", line);
        continue;
      }
      if (end <= start || accesses < 0) {
        rejects.reject(InputRejects.LINE, lineNumber, end <= start ? RecordRejects.INVERTED_REGION
            : "nr_accesses is negative", line);
        continue;
      }
      DamonRecording.Target snapshots = recording.target(prefix + target);
      if (!target.equals(currentTarget) || endNs != currentEndNs) {
        long startNs = snapshots.snapshots == 0 ? -1 : snapshots.snapshotEndNs[snapshots.snapshots - 1];
        if (startNs > endNs) {
          rejects.reject(InputRejects.LINE, lineNumber, "the snapshot ends before the target's previous one", line);
          continue;
        }
        snapshots.snapshot(startNs, endNs);
        currentTarget = target;
        currentEndNs = endNs;
      }
      if (accesses >= minAccesses) {
        snapshots.region(start, end, (int) Math.min(Integer.MAX_VALUE, accesses));
      }
    }
    return skipped;
  }

  private static int indexOf(String[] fields, String wanted) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].equals(wanted)) {
        return i;
      }
    }
    return -1;
  }
}
