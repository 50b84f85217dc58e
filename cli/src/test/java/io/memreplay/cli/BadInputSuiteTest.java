package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input of every kind through the real command line: each case asserts the exit status, the key words of
 * the message, and that the results folder holds exactly what it held before (for refusals), or that nothing
 * in it but the new run's files changed (for input that replays with rejects or as incomplete).
 */
class BadInputSuiteTest {

  private static final String ACCESSES = "accesses/part-00000.parquet";
  private static final String CONTENTS = "contents/part-00000.parquet";

  @TempDir
  static Path shared;
  /** A 2-VM trace (2 vCPUs and 16 MB each) and its replay: the results every case must leave alone. */
  private static Path trace;
  private static Path results;
  private static Map<String, String> baseline;
  private static String baselineRunId;

  @TempDir
  Path dir;

  @BeforeAll
  static void generateAndReplayOnce() throws Exception {
    trace = shared.resolve("trace");
    results = shared.resolve("results");
    CommandLineRun.generateSmallTrace(trace, "--seed", 5);
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "10s").expect(ExitCode.OK);
    baseline = snapshot(results);
    baselineRunId = single(results, "SELECT run_id FROM runs");
  }

  // ---- verified identity --------------------------------------------------------------------------------

  @Test
  void halfTheAccessesDeletedWithTheRowCountsFixedByHandAreRefusedNamingTheFile() throws Exception {
    Path cut = halfTheAccessesWithTheOldDigest();
    refused(ExitCode.BAD_INPUT, List.of(ACCESSES, "its content is not what manifest.json recorded"),
        "replay", "--trace", cut, "--out", results, "--interval", "10s");
  }

  @Test
  void checkedByFootersOnlyOtherDataReplaysUnderARunIdOfItsOwn() throws Exception {
    Path cut = halfTheAccessesWithTheOldDigest();
    Path out = copyOfResults();
    CommandLineRun.of("replay", "--trace", cut, "--out", out, "--interval", "10s", "--verify", "cheap").expect(ExitCode.OK);
    List<String> runIds = column(out, "SELECT run_id FROM runs ORDER BY trace_verification");
    assertEquals(2, runIds.size(), "the first replay's run is kept beside the new one");
    assertTrue(runIds.contains(baselineRunId));
    assertEquals(List.of("cheap", "full"), column(out, "SELECT trace_verification FROM runs ORDER BY 1"));
    assertOnlyAdded(out, runIds.stream().filter(id -> !id.equals(baselineRunId)).findFirst().orElseThrow());
  }

  @Test
  void aSpanEditedInTheManifestReplaysUnderARunIdOfItsOwn() throws Exception {
    Path earlier = copyOfTrace("earlier");
    TraceSurgery.editManifest(earlier, m -> TraceSurgery.withSpan(m, m.startNs() - 60_000_000_000L, m.endNs()));
    Path out = copyOfResults();
    CommandLineRun.of("replay", "--trace", earlier, "--out", out, "--interval", "10s").expect(ExitCode.OK);
    List<String> runIds = column(out, "SELECT run_id FROM runs");
    assertEquals(2, runIds.size(), "the first replay's run is kept beside the new one: " + runIds);
    assertTrue(runIds.contains(baselineRunId));
    assertOnlyAdded(out, runIds.stream().filter(id -> !id.equals(baselineRunId)).findFirst().orElseThrow());
  }

  @Test
  void inspectRecomputesTheDigestAndNamesTheFileThatDiffers() throws Exception {
    Path changed = copyWithAByteChanged("changed", CONTENTS);
    refused(ExitCode.BAD_INPUT, List.of(CONTENTS, "its content is not what manifest.json recorded"),
        "inspect", "--trace", changed);
    refused(ExitCode.BAD_INPUT, List.of(CONTENTS, "its content is not what manifest.json recorded"),
        "replay", "--trace", changed, "--out", results);
  }

  @Test
  void aReplayThatTheDigestsStopLeavesNoResultsFolderOfItsOwnMakingAndOneThatExistedAsItWas() throws Exception {
    Path changed = copyWithAByteChanged("changed-for-a-new-folder", ACCESSES);
    Path fresh = dir.resolve("new").resolve("fresh-results");
    CommandLineRun run = CommandLineRun.of("replay", "--trace", changed, "--out", fresh, "--interval", "10s")
        .expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains(ACCESSES + ": its content is not what manifest.json recorded"), run.err());
    assertFalse(Files.exists(dir.resolve("new")), "the folders the replay created are gone");
    Path existing = Files.createDirectories(dir.resolve("existing-results"));
    CommandLineRun.of("replay", "--trace", changed, "--out", existing, "--interval", "10s").expect(ExitCode.BAD_INPUT);
    assertTrue(Files.isDirectory(existing), "a folder the user made stays");
  }

  @Test
  void inspectRefusesAnAllZeroDigest() throws Exception {
    Path zeros = copyOfTrace("zeros");
    TraceSurgery.editManifest(zeros, m -> TraceSurgery.withDigest(m, "sha256:" + "0".repeat(64)));
    refused(ExitCode.BAD_INPUT, List.of("manifest.json: its digest sha256:000", "is not the digest of the files"),
        "inspect", "--trace", zeros);
    CommandLineRun ok = CommandLineRun.of("inspect", "--trace", trace).expect(ExitCode.OK);
    assertTrue(ok.out().contains("(verified: every file's bytes match it)"), ok.out());
  }

  @Test
  void verifyAndTrustManifestExcludeEachOther() throws Exception {
    refused(ExitCode.USAGE, List.of("--verify and --trust-manifest exclude each other"),
        "replay", "--trace", trace, "--out", results, "--verify", "cheap", "--trust-manifest");
    refused(ExitCode.USAGE, List.of("'none' is not full or cheap"), "replay", "--trace", trace, "--out", results,
        "--verify", "none");
  }

  // ---- manifests ------------------------------------------------------------------------------------------

  @Test
  void aManifestListingAFileTwiceIsRefused() throws Exception {
    Path twice = copyOfTrace("twice");
    TraceSurgery.editManifest(twice, m -> TraceSurgery.withFiles(m, RecordKind.ACCESSES, f -> List.of(f.get(0), f.get(0))));
    refused(ExitCode.BAD_INPUT, List.of("table accesses lists part-00000.parquet twice"),
        "replay", "--trace", twice, "--out", results, "--trust-manifest");
  }

  @Test
  void filesOfATableThatOverlapInTimeAreRefused() throws Exception {
    Path overlap = copyOfTrace("overlap");
    Files.copy(overlap.resolve(ACCESSES), overlap.resolve("accesses/part-00001.parquet"));
    TraceSurgery.editManifest(overlap, m -> TraceSurgery.withFiles(m, RecordKind.ACCESSES, f -> List.of(f.get(0),
        new TraceManifest.FileEntry("part-00001.parquet", f.get(0).events(), f.get(0).bytes(), f.get(0).firstTsNs(),
            f.get(0).lastTsNs(), f.get(0).sha256()))));
    refused(ExitCode.BAD_INPUT, List.of("part-00001.parquet starts at ts_ns", "without overlapping"),
        "replay", "--trace", overlap, "--out", results);
  }

  @Test
  void aMissingTraceATruncatedFileAndAnUnknownPolicyAreRefused() throws Exception {
    refused(ExitCode.BAD_INPUT, List.of("nope: no such trace folder"),
        "replay", "--trace", dir.resolve("nope"), "--out", results);
    Path truncated = truncatedContents();
    refused(ExitCode.BAD_INPUT, List.of(CONTENTS, "not a readable Parquet file"),
        "replay", "--trace", truncated, "--out", results);
    refused(ExitCode.BAD_INPUT, List.of("'nope' is neither a built-in policy"),
        "replay", "--trace", trace, "--out", results, "--policy", "nope");
  }

  // ---- completeness ---------------------------------------------------------------------------------------

  @Test
  void aTrustedTraceWithATruncatedFileReplaysTheRestAsIncompleteAndStrictFailsOnIt() throws Exception {
    Path truncated = truncatedContents();
    Path out = copyOfResults();
    CommandLineRun run = CommandLineRun.of("replay", "--trace", truncated, "--out", out, "--interval", "10s",
        "--trust-manifest").expect(ExitCode.OK);
    assertTrue(run.err().contains("the runs are INCOMPLETE: 8,192 events lost: " + CONTENTS), run.err());
    String runId = single(out, "SELECT run_id FROM runs WHERE status LIKE 'INCOMPLETE%'");
    assertEquals("8192|trusted", single(out, "SELECT lost_events || '|' || trace_verification FROM runs WHERE run_id = '"
        + runId + "'"));
    assertOnlyAdded(out, runId);
    CommandLineRun report = CommandLineRun.of("report", "--results", out, "--only", "summary").expect(ExitCode.OK);
    assertTrue(report.out().contains("this run is INCOMPLETE: 8,192 events lost"), report.out());
    CommandLineRun.of("replay", "--trace", truncated, "--out", out, "--interval", "10s", "--trust-manifest", "--strict")
        .expect(ExitCode.REJECTS);
  }

  @Test
  void anIncompleteRunNeverReplacesTheCompleteRunOfItsId() throws Exception {
    Path trusted = copyOfTrace("trusted");
    Path out = copyOfResults();
    CommandLineRun.of("replay", "--trace", trusted, "--out", out, "--interval", "10s", "--trust-manifest")
        .expect(ExitCode.OK);
    Map<String, String> complete = snapshot(out);
    byte[] bytes = Files.readAllBytes(trusted.resolve(CONTENTS));
    Files.write(trusted.resolve(CONTENTS), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trusted, "--out", out, "--interval", "10s",
        "--trust-manifest").expect(ExitCode.OK);
    assertTrue(run.err().contains("was not published: " + out + " holds a COMPLETE run of the same inputs, which was kept"),
        run.err());
    Map<String, String> after = snapshot(out);
    after.keySet().removeIf(file -> file.startsWith("rejects/"));
    complete.keySet().removeIf(file -> file.startsWith("rejects/"));
    assertEquals(complete, after);
  }

  // ---- bounded work ---------------------------------------------------------------------------------------

  @Test
  void anOutlierTimestampNearTwoToThe63IsRefusedUpFrontWithTheIntervalsItWouldProduce() throws Exception {
    Path outlier = withOutlierAccess("far", 9_223_372_036_854_775_000L);
    refused(ExitCode.BAD_INPUT, List.of("output intervals of 10 s, more than the 100,000 a replay may produce",
        "--max-intervals"), "replay", "--trace", outlier, "--out", results, "--interval", "10s");
  }

  @Test
  void anOutlierThirtyDaysLaterIsRefusedBeyondTheLimitGiven() throws Exception {
    Path outlier = withOutlierAccess("month", TimeUnit.DAYS.toNanos(30));
    refused(ExitCode.BAD_INPUT, List.of("(30.0 days): that is 43,201 output intervals of 60 s, more than the 1,000"),
        "replay", "--trace", outlier, "--out", results, "--max-intervals", 1000);
    refused(ExitCode.USAGE, List.of("--max-intervals must be at least 1"),
        "replay", "--trace", trace, "--out", results, "--max-intervals", 0);
  }

  @Test
  void rowsOutsideTheManifestsSpanAreRejected() throws Exception {
    Path outlier = withOutlierAccess("beyond", TimeUnit.MINUTES.toNanos(5));
    TraceManifest honest = TraceSurgery.manifest(outlier);
    TraceManifest original = TraceSurgery.manifest(trace);
    // the manifest claims the original span: the outlier lies beyond it
    TraceSurgery.editManifest(outlier, m -> new TraceManifest(m.format(), m.formatVersion(), m.traceId(), m.timeUnit(),
        m.nominalTime(), m.host(), m.vms(), TraceSurgery.withFiles(m, RecordKind.ACCESSES, f -> List.of(
            new TraceManifest.FileEntry(f.get(0).name(), f.get(0).events(), f.get(0).bytes(), f.get(0).firstTsNs(),
                original.files(RecordKind.ACCESSES).get(0).lastTsNs(), null))).tables(),
        original.startNs(), original.endNs(), honest.digest(), m.createdBy(), m.importRejects()));
    Path out = copyOfResults();
    CommandLineRun.of("replay", "--trace", outlier, "--out", out, "--interval", "10s", "--trust-manifest")
        .expect(ExitCode.OK);
    assertEquals(ACCESSES + "|" + TimeUnit.MINUTES.toNanos(5) + "|true", single(out,
        "SELECT source || '|' || ts_ns || '|' || contains(reason, 'is outside the trace''s span') FROM rejects"));
  }

  @Test
  void aScenarioWhoseVmsCannotFitTheHeapIsRefusedWithTheHeapItNeeds() throws Exception {
    StringBuilder yaml = new StringBuilder("name: crowded\nhost:\n  name: esx-01\n  memory_mb: 1048576\nvms:\n");
    for (int id = 0; id < 65_000; id++) {
      yaml.append("- id: ").append(id).append("\n  memory_mb: 16\n");
    }
    Path scenario = dir.resolve("crowded.yaml");
    Files.writeString(scenario, yaml);
    // ten policies: their state would need some 60 GB, more than a test JVM has on any machine this runs on
    refused(ExitCode.BAD_INPUT, List.of("scenario 'crowded' has 65,000 VMs: under 10 policies", "MEMREPLAY_JAVA_OPTS=-Xmx"),
        "replay", "--trace", trace, "--scenario", scenario, "--out", results, "--policy",
        "esxi-default,esxi-share-all,salt-groups,no-sharing,no-large-pages,balloon-only,swap-only,esx-2002,"
            + "cold-page-reclaim,shadow-paging");
  }

  // ---- row-level faults -----------------------------------------------------------------------------------

  @Test
  void everyBadValueOfAnAccessIsARejectWithFileRowAndReasonAndTheRestReplays() throws Exception {
    Path bad = copyOfTrace("bad-values");
    TraceSurgery.rewrite(bad, RecordKind.ACCESSES, """
        SELECT ts_ns, vm,
               CASE file_row_number WHEN 1 THEN -1 WHEN 2 THEN 2147483647 WHEN 3 THEN 200 ELSE vcpu END AS vcpu,
               CASE file_row_number WHEN 4 THEN -1 ELSE asid END AS asid, gva,
               CASE file_row_number WHEN 5 THEN -5 ELSE gpa END AS gpa,
               CASE file_row_number WHEN 6 THEN 'JUMP' ELSE op END AS op,
               CASE file_row_number WHEN 7 THEN 0 WHEN 8 THEN 2147483647 ELSE size END AS size, content_hash
        FROM read_parquet('%s', file_row_number = true) ORDER BY file_row_number
        """);
    Path out = copyOfResults();
    CommandLineRun run = CommandLineRun.of("replay", "--trace", bad, "--out", out, "--interval", "10s").expect(ExitCode.OK);
    assertTrue(run.out().contains("Rejected 8 input records"), run.out());
    List<String> reasons = column(out, "SELECT source || ' row ' || position || ': ' || reason FROM rejects ORDER BY position");
    assertEquals(8, reasons.size(), reasons.toString());
    List<String> expected = List.of("vcpu -1 is not a vCPU of vm", "vcpu 2147483647 is not a vCPU of vm",
        "vcpu 200 is not a vCPU of vm", "asid must not be negative", "gpa must be -1 (unknown)", "op is 'JUMP'",
        "size must be within [1, 4096] bytes, was 0", "size must be within [1, 4096] bytes, was 2147483647");
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(reasons.get(i).startsWith(ACCESSES + " row " + (i + 1) + ": " + expected.get(i)), reasons.get(i));
    }
    assertEquals(20000 - 8, Long.parseLong(single(out, "SELECT accesses FROM runs WHERE rejected = 8")));
    String runId = single(out, "SELECT run_id FROM runs WHERE rejected = 8");
    assertOnlyAdded(out, runId);
    CommandLineRun.of("replay", "--trace", bad, "--out", out, "--interval", "10s", "--strict").expect(ExitCode.REJECTS);
  }

  @Test
  void sizesThatWouldOverflowInAScenarioOrPolicyAreRefusedNamingTheField() throws Exception {
    String yaml = Files.readString(trace.resolve("scenario.yaml"));
    // the host's memory comes before the VMs'
    refusedScenario(yaml.replaceFirst("(?m)^  memory_mb: \\d+$", "  memory_mb: 9223372036854775807"),
        "host.memory_mb is 9223372036854775807, more than memreplay models");
    refusedScenario(yaml.replaceFirst("vcpus: 2", "vcpus: 100000"), "vm 0 (linux-0): vcpus is 100000");
    refusedScenario(yaml.replaceFirst("- id: 1\n", "- id: 70000\n"), "vm 70000 (windows-1): id must be within [0, 65535]");
    refusedScenario(yaml.replaceFirst("reservation_mb: 0", "reservation_mb: 9223372036854775807"),
        "vm 0 (linux-0): reservation_mb is 9223372036854775807, more than memreplay models: at most 1073741824 MB");
    refusedScenario(yaml.replace("  cpu_ghz: null\n", "  cpu_ghz: 1e400\n"), "host.cpu_ghz must be a finite number");
    Path policy = dir.resolve("huge.yaml");
    Files.writeString(policy, "name: huge\nswap:\n  host_cache_mb: 9223372036854775807\n");
    refused(ExitCode.BAD_INPUT, List.of("swap.host_cache_mb is 9223372036854775807"),
        "replay", "--trace", trace, "--out", results, "--policy", policy);
    Files.writeString(policy, "name: huge\nallocation:\n  balance_period_s: 1e400\n");
    refused(ExitCode.BAD_INPUT, List.of("allocation.balance_period_s must be positive and finite"),
        "replay", "--trace", trace, "--out", results, "--policy", policy);
  }

  @Test
  void anchorsNanAndTabsInAScenarioOrPolicyAreRefusedInPlainWordsWithTheirLine() throws Exception {
    String yaml = Files.readString(trace.resolve("scenario.yaml"));
    refusedScenario(yaml.replace("- id: 0\n", "- &vm id: 0\n"),
        "'&vm' is a YAML anchor; memreplay does not read anchors and aliases: write each value out in full (line 10");
    refusedScenario(yaml.replace("  cpu_ghz: null\n", "  cpu_ghz: .nan\n"),
        "'cpu_ghz' is .nan, not a number memreplay can use (line 7, column 12)");
    refusedScenario(yaml.replace("  name: esx-01\n", "\tname: esx-01\n"), "tabs cannot indent YAML; use spaces (line 3, column 1)");
    Path policy = dir.resolve("tabbed.yaml");
    Files.writeString(policy, "name: tabbed\nsharing:\n\tsalting: 0\n");
    CommandLineRun run = refused(ExitCode.BAD_INPUT, List.of(policy + ": tabs cannot indent YAML; use spaces (line 3"),
        "replay", "--trace", trace, "--out", results, "--policy", policy);
    assertFalse(run.err().contains("SnakeYAML") || run.err().contains("found character"), run.err());
  }

  // ---- outputs --------------------------------------------------------------------------------------------

  @Test
  void reportOutputNeverFollowsOrReplacesALinkNorWritesOverADeviceOrFolder() throws Exception {
    Path target = dir.resolve("precious.txt");
    Files.writeString(target, "keep me");
    Path link = Files.createSymbolicLink(dir.resolve("report.txt"), target);
    refused(ExitCode.BAD_INPUT, List.of("--output " + link + " is a symbolic link"),
        "report", "--results", results, "--output", link);
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("keep me", Files.readString(target));
    refused(ExitCode.BAD_INPUT, List.of("exists and is not a regular file (a folder)"),
        "report", "--results", results, "--output", dir);
    Path fifo = dir.resolve("pipe");
    if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
      refused(ExitCode.BAD_INPUT, List.of("exists and is not a regular file (a device, pipe or socket)"),
          "report", "--results", results, "--output", fifo);
      assertFalse(Files.isRegularFile(fifo));
    }
  }

  @Test
  void replayAndGenerateOutputsMustBeTheirOwnKindOfFolder() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    refused(ExitCode.BAD_INPUT, List.of("--out " + file + " exists and is not a folder"),
        "replay", "--trace", trace, "--out", file);
    Path link = Files.createSymbolicLink(dir.resolve("results-link"), results);
    refused(ExitCode.BAD_INPUT, List.of("is a symbolic link"), "replay", "--trace", trace, "--out", link);
    Path foreign = Files.createDirectories(dir.resolve("photos"));
    Files.writeString(foreign.resolve("holiday.jpg"), "not results");
    refused(ExitCode.BAD_INPUT, List.of("is a folder that is not a memreplay results folder"),
        "replay", "--trace", trace, "--out", foreign);
    assertEquals(List.of("holiday.jpg"), Files.list(foreign).map(p -> p.getFileName().toString()).toList());
    Path traceLink = Files.createSymbolicLink(dir.resolve("trace-link"), Files.createDirectories(dir.resolve("t")));
    refused(ExitCode.BAD_INPUT, List.of("is a symbolic link"), "generate", "--out", traceLink, "--accesses", 10);
  }

  @Test
  void anOutputBelowAFileOrAFileInsideATraceOrResultsFolderIsBadInput() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    String below = ": " + file + " is a file, not a folder";
    refused(ExitCode.BAD_INPUT, List.of(below), "replay", "--trace", trace, "--out", file.resolve("sub"));
    refused(ExitCode.BAD_INPUT, List.of(below), "generate", "--out", file.resolve("sub"), "--accesses", 10);
    refused(ExitCode.BAD_INPUT, List.of(below), "report", "--results", results, "--output", file.resolve("r.txt"));
    refused(ExitCode.BAD_INPUT, List.of(below), "report", "--results", results, "--format", "svg", "--output-dir",
        file.resolve("charts"));
    Path copy = copyOfTrace("kept");
    String manifest = Files.readString(copy.resolve("manifest.json"));
    refused(ExitCode.BAD_INPUT, List.of("a trace or results folder"), "report", "--results", results, "--output",
        copy.resolve("manifest.json"));
    assertEquals(manifest, Files.readString(copy.resolve("manifest.json")));
    refused(ExitCode.BAD_INPUT, List.of("a trace or results folder"), "sql", "--results", results, "--export-db",
        results.resolve("views.duckdb"));
  }

  // ---- read-only SQL --------------------------------------------------------------------------------------

  @Test
  void sqlRunsOnlyQueriesAndReadsOnlyTheResultsUnlessAllowedToWrite() throws Exception {
    Path fake = results.resolve("runs/policy=fake/planted.parquet");
    for (String statement : List.of(
        "COPY (SELECT * FROM runs) TO '" + fake + "' (FORMAT parquet)",
        "ATTACH '" + dir.resolve("other.duckdb") + "' AS other",
        "DROP VIEW runs",
        "CREATE OR REPLACE VIEW runs AS SELECT 1 AS run_id",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "SELECT 1; DROP VIEW runs")) {
      refused(ExitCode.BAD_INPUT, List.of("only queries run here", "--allow-writes"), "sql", "--results", results, statement);
    }
    refused(ExitCode.BAD_INPUT, List.of("Permission Error"), "sql", "--results", results,
        "SELECT * FROM read_csv('" + trace.resolve("scenario.yaml") + "')");
    assertFalse(Files.exists(fake));
    CommandLineRun.of("sql", "--results", results, "DESCRIBE runs").expect(ExitCode.OK);
    CommandLineRun.of("sql", "--results", results, "--allow-writes", "CREATE TEMP TABLE t AS SELECT 1 AS x")
        .expect(ExitCode.OK);
    assertEquals(baseline, snapshot(results));
  }

  // ---- out of memory --------------------------------------------------------------------------------------

  @Test
  void runningOutOfMemoryEndsInOneLineWithThePagesTrackedAndTheHeapToGive() throws Exception {
    Path big = dir.resolve("big");
    CommandLineRun.of("generate", "--out", big, "--vms", 4, "--guest-mb", 2048, "--accesses", 20000, "--duration", "1m")
        .expect(ExitCode.OK);
    Path out = dir.resolve("big-results");
    String err = failsInAJvmOfItsOwn(List.of(), List.of("-Xmx48m"),
        "replay", "--trace", big.toString(), "--out", out.toString(), "--verify", "cheap");
    assertTrue(err.contains("memreplay replay: out of memory after tracking "), err);
    assertTrue(err.contains("guest pages (4 KB) under 1 policy in a heap of 48 MB"), err);
    assertTrue(err.contains("run it again with MEMREPLAY_JAVA_OPTS=-Xmx"), err);
    List<String> lines = err.lines().toList();
    assertTrue(lines.get(lines.size() - 1).startsWith("memreplay replay: out of memory after tracking "),
        "the failure is the last line, with no hint after it: " + err);
    assertFalse(Files.exists(out.resolve("runs")) && Files.list(out.resolve("runs")).anyMatch(p -> p.toString().endsWith(".parquet")));
  }

  /**
   * Under {@code ulimit -f} the JVM ignores SIGXFSZ and a write past the limit fails; the first is zstd-jni
   * unpacking its native library, which fails the class's initialisation: an Error, not an exception.
   */
  @Test
  void anErrorOfTheJvmOrALibraryEndsInOneLineWithoutAStackTrace() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String err = failsInAJvmOfItsOwn(List.of("bash", "-c", "ulimit -f 12; exec \"$@\"", "bash"),
        List.of("-Djava.io.tmpdir=" + tmp),
        "generate", "--out", dir.resolve("limited").toString(), "--vms", "2", "--accesses", "20000", "--guest-mb", "16");
    assertTrue(err.contains("memreplay generate: failed: "), err);
    assertTrue(err.contains("File too large"), err);
  }

  /** A write the file system refuses ("File too large" past {@code ulimit -f}) names the file it was writing. */
  @Test
  void aWriteTheFileSystemRefusesNamesTheFileInOneLine() throws Exception {
    // room for zstd-jni's native library (about 1 MB), not for the trace's accesses (several MB)
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path out = dir.resolve("limited");
    String err = failsInAJvmOfItsOwn(List.of("bash", "-c", "ulimit -f 3000; exec \"$@\"", "bash"),
        List.of("-Djava.io.tmpdir=" + tmp),
        "generate", "--out", out.toString(), "--vms", "2", "--accesses", "2000000", "--guest-mb", "64");
    assertTrue(err.contains("cannot write " + out.resolve("accesses")), err);
    assertTrue(err.contains("File too large"), err);
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  /**
   * Runs memreplay in a JVM of its own, started through {@code launcher} (a shell that limits it, say) with
   * {@code jvmOptions}; expects status 1 without a stack trace, and returns stderr.
   */
  private static String failsInAJvmOfItsOwn(List<String> launcher, List<String> jvmOptions, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder java = new ProcessBuilder(command);
    java.environment().remove(Main.DEBUG_VARIABLE);
    java.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = java.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(ExitCode.FAILURE.code(), process.exitValue(), err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);
    return err;
  }

  /** Runs the command, expects {@code code} and every one of {@code words} on stderr, and the results untouched. */
  /** A copy of the trace with one byte of {@code file} changed a third of the way in: same size, same footer. */
  private Path copyWithAByteChanged(String name, String file) throws IOException {
    Path changed = copyOfTrace(name);
    byte[] bytes = Files.readAllBytes(changed.resolve(file));
    bytes[bytes.length / 3] ^= 0x10;
    Files.write(changed.resolve(file), bytes);
    return changed;
  }

  private static CommandLineRun refused(ExitCode code, List<String> words, Object... args) throws IOException {
    CommandLineRun run = CommandLineRun.of(args).expect(code);
    for (String word : words) {
      assertTrue(run.err().contains(word), "'" + word + "' not in: " + run.err());
    }
    assertEquals(baseline, snapshot(results), "the results folder changed");
    return run;
  }

  private void refusedScenario(String yaml, String words) throws IOException {
    Path scenario = dir.resolve("scenario-" + Integer.toHexString(yaml.hashCode()) + ".yaml");
    Files.writeString(scenario, yaml);
    refused(ExitCode.BAD_INPUT, List.of(words), "replay", "--trace", trace, "--scenario", scenario, "--out", results);
  }

  /** Every file and folder of {@code folder} with the SHA-256 of its bytes: what "unchanged" means here. */
  private static Map<String, String> snapshot(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.toList()) {
        String name = folder.relativize(path).toString();
        files.put(name, Files.isDirectory(path) ? "folder" : sha256(Files.readAllBytes(path)));
      }
    }
    return files;
  }

  /** Asserts that, beside the baseline's files (unchanged), {@code out} gained only run {@code runId}'s and rejects. */
  private static void assertOnlyAdded(Path out, String runId) throws IOException {
    Map<String, String> now = snapshot(out);
    for (Map.Entry<String, String> file : baseline.entrySet()) {
      if (!file.getKey().startsWith("rejects")) {
        assertEquals(file.getValue(), now.get(file.getKey()), file.getKey() + " changed");
      }
    }
    for (String added : now.keySet()) {
      if (!baseline.containsKey(added) && !added.startsWith("rejects")) {
        assertTrue(added.endsWith(runId + ".parquet"), added + " is not a file of run " + runId);
      }
    }
    assertNotEquals(baselineRunId, runId);
  }

  private Path copyOfTrace(String name) throws IOException {
    return TraceSurgery.copy(trace, dir.resolve(name));
  }

  private Path copyOfResults() throws IOException {
    return TraceSurgery.copy(results, dir.resolve("results-" + System.nanoTime()));
  }

  private Path truncatedContents() throws IOException {
    Path truncated = copyOfTrace("truncated");
    byte[] bytes = Files.readAllBytes(truncated.resolve(CONTENTS));
    Files.write(truncated.resolve(CONTENTS), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    return truncated;
  }

  /** Half the accesses, their count, size and times fixed in the manifest, which keeps the old digests. */
  private Path halfTheAccessesWithTheOldDigest() throws Exception {
    Path cut = copyOfTrace("half");
    TraceManifest original = TraceSurgery.manifest(cut);
    TraceSurgery.rewrite(cut, RecordKind.ACCESSES,
        "SELECT * EXCLUDE (file_row_number) FROM read_parquet('%s', file_row_number = true) WHERE file_row_number %% 2 = 0"
            + " ORDER BY file_row_number");
    String oldSha = original.files(RecordKind.ACCESSES).get(0).sha256();
    TraceSurgery.editManifest(cut, m -> TraceSurgery.withDigest(TraceSurgery.withFiles(m, RecordKind.ACCESSES,
        f -> List.of(new TraceManifest.FileEntry(f.get(0).name(), f.get(0).events(), f.get(0).bytes(),
            f.get(0).firstTsNs(), f.get(0).lastTsNs(), oldSha))), original.digest()));
    return cut;
  }

  /** A copy of the trace with one more access, at {@code tsNs}, described honestly by its manifest. */
  private Path withOutlierAccess(String name, long tsNs) throws Exception {
    Path outlier = copyOfTrace(name);
    TraceSurgery.rewrite(outlier, RecordKind.ACCESSES, "SELECT * FROM read_parquet('%s') UNION ALL "
        + "(SELECT " + tsNs + " AS ts_ns, * EXCLUDE (ts_ns) FROM read_parquet('%1$s') LIMIT 1) ORDER BY ts_ns");
    return outlier;
  }

  private static String single(Path results, String sql) {
    List<String> values = column(results, sql);
    assertEquals(1, values.size(), sql + " -> " + values);
    return values.get(0);
  }

  /** The values of a one-column query, from its CSV. */
  private static List<String> column(Path results, String sql) {
    String csv = CommandLineRun.of("sql", "--results", results, "--format", "csv", sql).expect(ExitCode.OK).out();
    List<String> values = new ArrayList<>();
    for (String line : csv.split("\r\n")) {
      boolean quoted = line.length() > 1 && line.startsWith("\"") && line.endsWith("\"");
      values.add(quoted ? line.substring(1, line.length() - 1).replace("\"\"", "\"") : line);
    }
    values.remove(0);
    return values;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
