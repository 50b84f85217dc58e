package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.ingest.imports.compression.CompressedFiles;
import io.memreplay.ingest.imports.compression.Compression;
import io.memreplay.ingest.imports.damon.DamonRecords;
import io.memreplay.ingest.imports.damon.DamonRecords.Region;
import io.memreplay.ingest.imports.damon.DamonRecords.Snapshot;
import io.memreplay.ingest.imports.damon.DamonRecords.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import damon}, then a replay whose working set per interval is the memory DAMON found accessed. */
class DamonImportCommandTest {

  private static final long MS = 1_000_000L;
  private static final long T0 = 1_000_000_000_000L;
  private static final long HEAP = 0x5600_0000_0000L;

  @TempDir
  Path dir;

  /** Ten 100 ms snapshots; in snapshot k the first (k + 1) × 64 KB of a 1 MB heap were found accessed. */
  private static List<Target> growingHeap() {
    List<Snapshot> snapshots = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      long hot = (k + 1) * 64 * 1024L;
      snapshots.add(new Snapshot(T0 + k * 100 * MS, T0 + (k + 1) * 100 * MS, List.of(
          new Region(HEAP, HEAP + hot, 5 + k), new Region(HEAP + hot, HEAP + (1 << 20), 0))));
    }
    return List.of(new Target("1234", snapshots));
  }

  @Test
  void theReplaysWorkingSetPerIntervalIsTheMemoryDamonFoundAccessed() throws Exception {
    Path record = CompressedFiles.write(dir.resolve("damon.json.xz"), Compression.XZ,
        DamonRecords.json(growingHeap()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path trace = dir.resolve("trace");
    CommandLineRun imported = CommandLineRun.of("import", "damon", record, "--out", trace).expect(ExitCode.OK);
    assertTrue(imported.out().contains("Imported 1 DAMON targets of 1 file into " + trace)
        && imported.out().contains("880 accesses in windows of 100.0 ms, 0 rejected"), imported.out());
    assertTrue(imported.out().contains("target 1234 (json) -> vm 0 (damon.json.xz): 10 snapshots, 10 accessed regions,"
        + " 880 accesses in 10 windows; working set per window up to 640 KB, 640 KB accessed in all"), imported.out());
    assertTrue(imported.out().contains("--interval 100.0ms"), imported.out());

    Path results = dir.resolve("results");
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "100ms").expect(ExitCode.OK);
    CommandLineRun sizes = CommandLineRun.of("sql", "--results", results, "--format", "csv",
        "SELECT working_set_pages, touched_pages FROM vm_intervals ORDER BY interval_end_ns").expect(ExitCode.OK);
    StringBuilder expected = new StringBuilder("working_set_pages,touched_pages\r\n");
    for (int k = 0; k < 10; k++) {
      expected.append(16 * (k + 1)).append(',').append(16 * (k + 1)).append("\r\n");
    }
    assertEquals(expected.toString(), sizes.out());
  }

  @Test
  void aCutShortRecordIsBadInputNamingTheFile() throws Exception {
    byte[] zlib = DamonRecords.zlib(DamonRecords.json(growingHeap()));
    Path cut = Files.write(dir.resolve("damon.data"), java.util.Arrays.copyOf(zlib, zlib.length - 40));
    CommandLineRun run = CommandLineRun.of("import", "damon", cut, "--out", dir.resolve("trace"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains(cut + ": the zlib (damo's json_compressed) data is corrupt or cut short"), run.err());
    CommandLineRun.of("import", "damon", cut, "--out", dir.resolve("trace"), "--min-accesses", "0")
        .expect(ExitCode.BAD_INPUT);
  }
}
