package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memreplay.ingest.imports.compression.CompressedFiles;
import io.memreplay.ingest.imports.compression.Compression;
import io.memreplay.ingest.imports.esxtop.EsxtopCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import esxtop} then {@code replay}, then {@code report --only observed-vs-replayed}: the host's own
 * figures from the esxtop file beside the replay's, through the real command line and DuckDB.
 */
class EsxtopImportCommandTest {

  private static final String HOST = "esx 07 (rack 2)";
  private static final String WEB = "web (prod), eu:1";

  @TempDir
  Path dir;
  private Path esxtop;

  /** One VM's values in {@link EsxtopCsv#VM_COUNTERS} order. */
  private static List<String> vm(int memorySize, int granted, int consumed, int activePct, int ballooned, int swapped,
      int compressed, int shared) {
    List<Integer> mb = List.of(4, memorySize, granted, consumed, memorySize, granted / 2, granted / 4, activePct,
        activePct, activePct, activePct, ballooned, swapped, 0, compressed, shared, shared / 2, 10, 40);
    return mb.stream().map(value -> String.format(Locale.ROOT, "%d.00", value)).toList();
  }

  private static List<String> row(List<String> web, List<String> db) {
    List<String> values = new ArrayList<>(List.of("6144.00", "0.00"));
    values.addAll(web);
    values.addAll(db);
    return values;
  }

  @BeforeEach
  void writeEsxtopFile() throws Exception {
    List<String> columns = new ArrayList<>(List.of("Memory\\Machine MBytes"));
    columns.addAll(EsxtopCsv.group(2, "vim", List.of("Memory Size MBytes")));
    columns.addAll(EsxtopCsv.group(81234, WEB, EsxtopCsv.VM_COUNTERS));
    columns.addAll(EsxtopCsv.group(90001, "db-0", EsxtopCsv.VM_COUNTERS));
    EsxtopCsv csv = new EsxtopCsv(HOST).header(columns)
        .row("03/01/2024 10:00:05", row(vm(4096, 3000, 2500, 25, 0, 0, 0, 600), vm(2048, 2048, 2048, 50, 0, 0, 0, 0)))
        .row("03/01/2024 10:00:10", row(vm(4096, 3100, 2600, 30, 200, 100, 50, 600),
            EsxtopCsv.VM_COUNTERS.stream().map(counter -> "").toList()))
        .row("03/01/2024 10:00:15", row(vm(4096, 3200, 2700, 10, 300, 100, 50, 650), vm(2048, 1900, 1900, 70, 100, 48,
            0, 0)))
        .raw("\"03/01/2024 10:00:20\",\"6144.00\"");
    esxtop = CompressedFiles.write(dir.resolve("esxtop.csv.gz"), Compression.GZIP, csv.bytes());
  }

  @Test
  void theReplayedMemoryStandsBesideWhatTheHostRecordedWithTheError() throws Exception {
    Path trace = dir.resolve("trace");
    CommandLineRun imported = CommandLineRun.of("import", "esxtop", esxtop, "--out", trace).expect(ExitCode.OK);
    String out = imported.out();
    assertTrue(out.contains("Imported 4 rows of " + esxtop) && out.contains("5 samples of 2 VMs, 1 rejected"), out);
    assertTrue(out.contains("Empty samples (the VM not running then): 1"), out);
    assertTrue(out.contains("  " + WEB + " -> vm 1: 3 samples") && out.contains("VM memory 4,096 MB"), out);
    assertTrue(out.contains("Host " + HOST + ", 6,144 MB of memory."), out);
    assertTrue(out.contains("Not VMs (no memory size): 1 groups, vim"), out);
    assertTrue(out.contains("Observed host state kept: granted, consumed, overhead, ballooned, swapped, compressed,"
        + " shared, shared_saved, zero"), out);
    assertTrue(out.contains(esxtop + " line 5: the row is cut short"), out);

    Path results = dir.resolve("results");
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "5s").expect(ExitCode.OK);
    JsonNode report = new ObjectMapper().readTree(CommandLineRun.of("report", "--results", results, "--trace", trace,
        "--only", "observed-vs-replayed", "--format", "json").expect(ExitCode.OK).out()).get("observed-vs-replayed");

    List<JsonNode> web = new ArrayList<>();
    report.forEach(row -> {
      if (row.get("vm_name").asText().equals(WEB)) {
        web.add(row);
      }
    });
    assertEquals(3, web.size(), report.toString());
    // the interval ending 10:00:10 compares the sample of 10:00:05, the one ending 10:00:15 that of 10:00:10
    long t0 = java.time.Instant.parse("2024-03-01T10:00:05Z").getEpochSecond();
    assertEquals(t0 + 5, web.get(0).get("t_s").asDouble(), 1e-9);
    assertEquals(t0, web.get(0).get("sample_t_s").asDouble(), 1e-9);
    assertEquals(2500.0, web.get(0).get("observed_consumed_mb").asDouble(), 1e-9);
    assertEquals(t0 + 5, web.get(1).get("sample_t_s").asDouble(), 1e-9);
    assertEquals(2600.0, web.get(1).get("observed_consumed_mb").asDouble(), 1e-9);
    assertEquals(200.0, web.get(1).get("observed_ballooned_mb").asDouble(), 1e-9);
    assertEquals(100.0, web.get(1).get("observed_swapped_mb").asDouble(), 1e-9);
    assertEquals(50.0, web.get(1).get("observed_compressed_mb").asDouble(), 1e-9);
    assertEquals(600.0, web.get(1).get("observed_shared_mb").asDouble(), 1e-9);
    // db-0 had no sample at 10:00:10: nothing observed to compare in the interval ending 10:00:15
    JsonNode gap = report.get(1);
    assertEquals("db-0", gap.get("vm_name").asText());
    assertEquals(t0 + 10, gap.get("t_s").asDouble(), 1e-9);
    assertTrue(gap.get("observed_consumed_mb").isNull() && gap.get("consumed_error_mb").isNull()
        && !gap.get("consumed_mb").isNull(), gap.toString());
    for (JsonNode row : report) {
      if (row == gap) {
        continue;
      }
      for (String what : List.of("consumed", "ballooned", "swapped", "compressed", "shared")) {
        JsonNode replayed = row.get(what + "_mb");
        JsonNode observed = row.get("observed_" + what + "_mb");
        assertTrue(!replayed.isNull() && !observed.isNull(), what + " in " + row);
        assertEquals(replayed.asDouble() - observed.asDouble(), row.get(what + "_error_mb").asDouble(), 0.002,
            what + " in " + row);
      }
    }
  }

  @Test
  void theReportWantsTheTraceAndOnlyTheOneItsRunsReplayed() throws Exception {
    Path trace = dir.resolve("trace");
    CommandLineRun.of("import", "esxtop", esxtop, "--out", trace).expect(ExitCode.OK);
    Path results = dir.resolve("results");
    CommandLineRun.of("replay", "--trace", trace, "--out", results).expect(ExitCode.OK);

    CommandLineRun noTrace = CommandLineRun.of("report", "--results", results, "--only", "observed-vs-replayed")
        .expect(ExitCode.USAGE);
    assertTrue(noTrace.err().contains("give the trace's folder with --trace DIR"), noTrace.err());

    Path other = dir.resolve("other");
    CommandLineRun.of("import", "esxtop", esxtop, "--out", other, "--period", "7s").expect(ExitCode.OK);
    CommandLineRun wrong = CommandLineRun.of("report", "--results", results, "--trace", other, "--only",
        "observed-vs-replayed").expect(ExitCode.BAD_INPUT);
    assertTrue(wrong.err().contains("no run of these results matches --trace " + other), wrong.err());
    CommandLineRun notATrace = CommandLineRun.of("report", "--results", results, "--trace", dir, "--only",
        "observed-vs-replayed").expect(ExitCode.BAD_INPUT);
    assertTrue(notATrace.err().contains("manifest.json"), notATrace.err());
  }

  @Test
  void aWrongCounterKeyIsAUsageErrorAndAMissingFileBadInput() {
    CommandLineRun key = CommandLineRun.of("import", "esxtop", esxtop, "--out", dir.resolve("t"), "--counter",
        "balloon=Memctl MBytes").expect(ExitCode.USAGE);
    assertTrue(key.err().contains("unknown counter 'balloon'; known: memory_size, active, granted"), key.err());
    CommandLineRun missing = CommandLineRun.of("import", "esxtop", dir.resolve("none.csv"), "--out", dir.resolve("t"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(missing.err().contains(dir.resolve("none.csv") + ": no such file"), missing.err());
    assertTrue(!Files.exists(dir.resolve("t")));
  }
}
