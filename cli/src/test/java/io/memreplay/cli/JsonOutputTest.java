package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memreplay.analytics.report.CannedReport;
import io.memreplay.engine.config.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on the commands that report what they did: stdout holds exactly one JSON document whose
 * numbers are those of the data written (checked in the trace and the results), and the text for people
 * goes to stderr. The Kafka commands are checked in {@link KafkaCommandsTest}.
 */
class JsonOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void generateThenReplayEachPrintOneDocumentThatMatchesWhatTheyWrote() throws Exception {
    Path trace = dir.resolve("trace");
    CommandLineRun generated = CommandLineRun.of("generate", "--out", trace, "--vms", 2, "--accesses", 20000,
        "--guest-mb", 16, "--duration", "1m", "--json").expect(ExitCode.OK);
    JsonNode generate = document(generated);
    assertTrue(generated.err().contains("Wrote trace " + generate.get("trace_id").asText()), generated.err());
    JsonNode inspected = JSON.readTree(CommandLineRun.of("inspect", "--trace", trace, "--json").expect(ExitCode.OK).out());
    assertEquals(inspected.get("trace_id"), generate.get("trace_id"));
    assertEquals(inspected.get("events").get("accesses").asLong(), generate.get("accesses").asLong());
    assertEquals(inspected.get("events").get("contents").asLong(), generate.get("page_snapshots").asLong());
    assertEquals(2, generate.get("vms").asInt());

    Path results = dir.resolve("results");
    CommandLineRun replayed = CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "10s",
        "--policy", "esxi-default,no-sharing", "--json").expect(ExitCode.OK);
    JsonNode replay = document(replayed);
    assertTrue(replayed.err().contains("Results in " + results), replayed.err());
    assertEquals(20000, replay.get("accesses").asLong());
    assertEquals(0, replay.get("rejected").asLong());
    assertEquals(results.toString(), replay.get("results").asText());
    List<String> runs = new ArrayList<>();
    replay.get("runs").forEach(run -> runs.add(run.get("policy").asText() + " " + run.get("run_id").asText()));
    String fromResults = CommandLineRun.of("sql", "--results", results, "--format", "csv",
        "SELECT policy || ' ' || run_id AS run FROM runs ORDER BY policy").expect(ExitCode.OK).out();
    assertEquals("run\r\n" + String.join("\r\n", runs) + "\r\n", fromResults);
  }

  @Test
  void importsPrintTheTraceTheyWroteAndTheirRejects() throws Exception {
    Path lackey = Files.writeString(dir.resolve("ls.lackey"), "==1== lackey\n I  04001000,3\n L 1ffefff000,8\n"
        + " S 1ffefff008,8\n M 0402000,4\n garbage\n");
    Path trace = dir.resolve("trace");
    CommandLineRun imported = CommandLineRun.of("import", "lackey", lackey, "--out", trace, "--json").expect(ExitCode.OK);
    JsonNode document = document(imported);
    assertTrue(imported.err().contains("Imported 6 lines"), imported.err());
    assertEquals("lackey", document.get("format").asText());
    assertEquals(6, document.get("lines").asLong());
    assertEquals(1, document.get("rejected").asLong());
    assertEquals(6, document.get("first_rejects").get(0).get("line").asLong());
    JsonNode written = document.get("written");
    assertEquals(trace.toString(), written.get("trace").asText());
    assertEquals("ls.lackey", written.get("vms").get(0).get("name").asText());
    assertEquals(1, written.get("rejects").get("count").asLong());
    JsonNode inspected = JSON.readTree(CommandLineRun.of("inspect", "--trace", trace, "--json").expect(ExitCode.OK).out());
    assertEquals(inspected.get("events").get("accesses").asLong(), document.get("accesses").asLong());
    assertEquals(inspected.get("trace_id"), written.get("trace_id"));

    Path csv = Files.writeString(dir.resolve("demand.csv"), "t,vm,active\n20,web,100\n20,db,200\n40,web,x\n40,db,300\n60,web,150\n");
    CommandLineRun demand = CommandLineRun.of("import", "demand-csv", csv, "--map", "ts_s=t,vm=vm,active_mb=active",
        "--out", dir.resolve("demand"), "--json").expect(ExitCode.OK);
    JsonNode demandDocument = document(demand);
    assertEquals(5, demandDocument.get("records").asLong());
    assertEquals(4, demandDocument.get("samples").asLong());
    assertEquals(4, demandDocument.get("first_rejects").get(0).get("line").asLong());
    assertEquals(2, demandDocument.get("vm_samples").size());
  }

  @Test
  void policiesAndTheReportListAreDocumentsToo() throws Exception {
    JsonNode list = document(CommandLineRun.of("policies", "--json").expect(ExitCode.OK));
    List<String> names = new ArrayList<>();
    list.forEach(policy -> names.add(policy.get("name").asText()));
    assertEquals(Policies.builtInNames(), names);
    assertFalse(list.get(0).has("settings"), "the list has no settings");
    assertTrue(list.get(0).get("digest").asText().startsWith("sha256:"));

    JsonNode full = document(CommandLineRun.of("policies", "esxi-default", "--json").expect(ExitCode.OK));
    assertEquals(1, full.size());
    assertEquals(2, full.get(0).get("settings").get("sharing").get("salting").asInt(), full.toString());

    Path results = Files.createDirectories(dir.resolve("results").resolve("runs")).getParent();
    JsonNode reports = document(CommandLineRun.of("report", "--list", "--results", results, "--json").expect(ExitCode.OK));
    assertEquals(CannedReport.values().length, reports.size());
    assertEquals(CannedReport.values()[0].reportName(), reports.get(0).get("name").asText());
    assertEquals(CannedReport.values()[0].question(), reports.get(0).get("question").asText());
  }

  /** The one JSON document on stdout: it parses, and nothing follows it. */
  private static JsonNode document(CommandLineRun run) throws Exception {
    try (var parser = JSON.createParser(run.out())) {
      JsonNode document = JSON.readTree(parser);
      assertEquals(null, parser.nextToken(), "one document on stdout, nothing after it:\n" + run.out());
      return document;
    }
  }
}
