package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memreplay.ingest.imports.compression.CompressedFiles;
import io.memreplay.ingest.imports.compression.Compression;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code memreplay import}: what it writes, what it prints, and how it refuses unusable input. */
class ImportCommandTest {

  @TempDir
  Path dir;

  @Test
  void anImportedLackeyTraceOpensInspectsAndReplays() throws Exception {
    Path first = lackey("ls.lackey", 3000, 0x400000);
    Path second = lackey("cat.lackey", 2000, 0x800000);
    Path trace = dir.resolve("trace");
    CommandLineRun run = CommandLineRun.of("import", "lackey", first, second, "--out", trace).expect(ExitCode.OK);
    assertTrue(run.out().contains("Imported 5,004 lines of 2 lackey files") && run.out().contains("5,000 accesses")
        && run.out().contains("4 lines skipped, 0 rejected"), run.out());

    assertEquals(5000, TraceDataset.open(trace).manifest().totalEvents());
    JsonNode inspected = new ObjectMapper().readTree(
        CommandLineRun.of("inspect", "--trace", trace, "--json").expect(ExitCode.OK).out());
    assertEquals("ls.lackey", inspected.get("vms").get(0).get("name").asText());
    assertEquals(3000, inspected.get("vms").get(0).get("accesses").asLong());
    assertEquals(2000, inspected.get("vms").get(1).get("accesses").asLong());
    assertTrue(inspected.get("import_rejects") == null, inspected.toString());

    Path results = dir.resolve("results");
    CommandLineRun replay = CommandLineRun.of("replay", "--trace", trace, "--out", results).expect(ExitCode.OK);
    assertTrue(replay.out().contains("5,000 accesses"), replay.out());
    CommandLineRun rows = CommandLineRun.of("sql", "--results", results, "--format", "csv",
        "SELECT vm_name, sum(accesses) AS accesses FROM vm_intervals GROUP BY ALL ORDER BY ALL").expect(ExitCode.OK);
    assertEquals("vm_name,accesses\r\ncat.lackey,2000\r\nls.lackey,3000\r\n", rows.out());
  }

  @Test
  void asProcessesTwoFilesAreAddressSpacesZeroAndOneOfOneVm() throws Exception {
    Path trace = dir.resolve("trace");
    CommandLineRun.of("import", "pin", pin("a.out", 10), pin("b.out", 20), "--out", trace, "--as-processes")
        .expect(ExitCode.OK);

    Set<String> spaces = new TreeSet<>();
    try (TraceReader reader = TraceDataset.open(trace).reader(new TraceReader.Options())) {
      TraceBatch batch = new TraceBatch();
      while (reader.next(batch)) {
        AccessColumns accesses = batch.accesses;
        for (int row = 0; row < accesses.size(); row++) {
          spaces.add("vm " + accesses.vm[row] + " asid " + accesses.asid[row]);
        }
      }
    }
    assertEquals(Set.of("vm 0 asid 0", "vm 0 asid 1"), spaces);
    String scenario = Files.readString(trace.resolve("scenario.yaml"));
    assertEquals(1, scenario.split("- id:").length - 1, scenario);
    CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("results")).expect(ExitCode.OK);
  }

  @Test
  void malformedLinesAreCountedShownAndKeptAndInspectReportsThem() throws Exception {
    Path file = Files.writeString(dir.resolve("mixed.lackey"),
        "I  00400000,4\n L 0040zz00,4\n S 00400000,0\n M 00400000,4\n");
    Path trace = dir.resolve("trace");
    CommandLineRun run = CommandLineRun.of("import", "lackey", file, "--out", trace).expect(ExitCode.OK);
    assertTrue(run.out().contains("Rejected 2 malformed lines, kept in " + trace.resolve("rejects/part-00000.parquet")),
        run.out());
    assertTrue(run.out().contains(file + " line 2: expected ',' between the address and the size, found 'z'")
        && run.out().contains(file + " line 3: size 0 is outside 1..4096 bytes"), run.out());

    JsonNode inspected = new ObjectMapper().readTree(
        CommandLineRun.of("inspect", "--trace", trace, "--json").expect(ExitCode.OK).out());
    assertEquals(2, inspected.get("import_rejects").get("count").asLong());
    assertEquals(2, inspected.get("events").get("accesses").asLong());
    String text = CommandLineRun.of("inspect", "--trace", trace).expect(ExitCode.OK).out();
    assertTrue(text.contains("import    2 input lines rejected, in rejects/part-00000.parquet"), text);
  }

  @Test
  void aMissingInputFileIsBadInputNamingIt() {
    CommandLineRun run = CommandLineRun.of("import", "lackey", dir.resolve("nope.lackey"), "--out", dir.resolve("t"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("nope.lackey: no such file"), run.err());
  }

  @Test
  void aFileWithoutAccessesIsBadInput() throws Exception {
    Path empty = Files.writeString(dir.resolve("log.txt"), "==1== Lackey, an example Valgrind tool\n");
    CommandLineRun run = CommandLineRun.of("import", "lackey", empty, "--out", dir.resolve("t")).expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("log.txt: no accesses in it (lines: 1, skipped: 1, malformed: 0); is it a lackey trace?"),
        run.err());
  }

  @Test
  void hostMbSizesTheHostOfAProgramTraceImport() throws Exception {
    Path trace = dir.resolve("sized");
    CommandLineRun.of("import", "pin", pin("a.pin", 10), "--out", trace, "--guest-mb", 256, "--host-mb", 192)
        .expect(ExitCode.OK);
    String scenario = Files.readString(trace.resolve("scenario.yaml"));
    assertTrue(scenario.contains("memory_mb: 192") && scenario.contains("memory_mb: 256"), scenario);
    CommandLineRun.of("import", "pin", pin("b.pin", 10), "--out", dir.resolve("t"), "--host-mb", 0)
        .expect(ExitCode.BAD_INPUT);
  }

  @Test
  void everyImportThatSizesTheHostRefusesAHostOfNoMemoryOrMoreThanItModelsBeforeReading() throws Exception {
    Path never = dir.resolve("never-read.csv");
    Object[][] imports = {
        {"import", "lackey", never},
        {"import", "demand-csv", never, "--map", "ts=time,vm=name,active_mb=active"},
        {"import", "esxtop", never},
        {"import", "proc-snapshot", "--pid", ProcessHandle.current().pid()}};
    for (Object[] command : imports) {
      for (long mb : new long[] {0, (1L << 30) + 1}) {
        Object[] args = Stream.concat(Arrays.stream(command), Stream.of("--out", dir.resolve("t"), "--host-mb", mb))
            .toArray();
        CommandLineRun run = CommandLineRun.of(args).expect(ExitCode.BAD_INPUT);
        assertEquals("memreplay import " + command[1] + ": --host-mb must be within [1, 1073741824] MB (1 PiB), was "
            + mb, run.err().strip(), run.err());
      }
    }
    assertTrue(CommandLineRun.of("import", "esxtop", "--help").out().contains("Memory\\Machine MBytes"),
        "esxtop's help says where its host memory comes from");
  }

  @Test
  void anExistingTraceIsReplacedOnlyWithForce() throws Exception {
    Path trace = dir.resolve("trace");
    CommandLineRun.of("import", "lackey", lackey("a.lackey", 10, 0), "--out", trace).expect(ExitCode.OK);
    CommandLineRun refused = CommandLineRun.of("import", "lackey", lackey("b.lackey", 20, 0), "--out", trace)
        .expect(ExitCode.BAD_INPUT);
    assertTrue(refused.err().contains("already exists"), refused.err());
    CommandLineRun.of("import", "lackey", lackey("b.lackey", 20, 0), "--out", trace, "--force").expect(ExitCode.OK);
    assertEquals(20, TraceDataset.open(trace).manifest().totalEvents());
  }

  @Test
  void wrongArgumentsAreUsageErrors() throws Exception {
    Path file = lackey("a.lackey", 1, 0);
    CommandLineRun.of("import", "drmemtrace", file, "--out", dir.resolve("t")).expect(ExitCode.USAGE);
    CommandLineRun.of("import", "lackey", "--out", dir.resolve("t")).expect(ExitCode.USAGE);
    CommandLineRun.of("import", "lackey", file).expect(ExitCode.USAGE);
    CommandLineRun.of("import").expect(ExitCode.USAGE);
  }

  @Test
  void theFormatSubcommandIsCaseInsensitiveAndErrorsNameTheFullCommand() throws Exception {
    CommandLineRun.of("import", "LACKEY", lackey("a.lackey", 10, 0), "--out", dir.resolve("t")).expect(ExitCode.OK);
    CommandLineRun missing = CommandLineRun.of("import", "pin", dir.resolve("nope.out"), "--out", dir.resolve("u"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(missing.err().startsWith("memreplay import pin: " + dir.resolve("nope.out") + ": no such file"),
        missing.err());
  }

  @Test
  void aProcSnapshotOfASleepingChildReplaysAndInspectsAndAMissingProcessIsBadInput() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      Path trace = dir.resolve("snapshot");
      CommandLineRun run = CommandLineRun.of("import", "proc-snapshot", "--pid", sleeper.pid(), "--out", trace);
      org.junit.jupiter.api.Assumptions.assumeFalse(run.exitCode() == ExitCode.BAD_INPUT.code()
          && run.err().contains("permission denied"), "no permission to read a child's memory here: " + run.err());
      run.expect(ExitCode.OK);
      assertTrue(run.out().contains("pid " + sleeper.pid() + " (sleep) -> vm 0 (sleep-" + sleeper.pid() + ")"), run.out());
      JsonNode inspected = new ObjectMapper().readTree(
          CommandLineRun.of("inspect", "--trace", trace, "--json").expect(ExitCode.OK).out());
      assertTrue(inspected.get("events").get("contents").asLong() > 0, inspected.toString());
      CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("results")).expect(ExitCode.OK);
    } finally {
      sleeper.destroy();
    }
    sleeper.waitFor();
    CommandLineRun gone = CommandLineRun.of("import", "proc-snapshot", "--pid", sleeper.pid(), "--out", dir.resolve("t"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(gone.err().contains("no such process " + sleeper.pid()), gone.err());
    CommandLineRun.of("import", "proc-snapshot", "--out", dir.resolve("t")).expect(ExitCode.USAGE);
  }

  @Test
  void aDemandCsvImportPrintsItsVmsAndRejectsInspectsAndReplays() throws Exception {
    Path csv = Files.writeString(dir.resolve("vcenter.csv"), "Timestamp,VM,Active (KB)\n"
        + "2024-01-01T00:00:20Z,web-1,1024\n2024-01-01T00:00:20Z,db-0,2048\n2024-01-01T00:00:40Z,web-1,oops\n"
        + "2024-01-01T00:00:40Z,db-0,4096\n2024-01-01T00:01:00Z,web-1,8192\n");
    Path trace = dir.resolve("trace");
    CommandLineRun run = CommandLineRun.of("import", "demand-csv", csv, "--map", "ts=Timestamp,vm=VM,active_kb=Active (KB)",
        "--out", trace, "--host-mb", "4096").expect(ExitCode.OK);
    assertTrue(run.out().contains("Imported 5 records of " + csv) && run.out().contains("4 samples of 2 VMs, 1 rejected"),
        run.out());
    assertTrue(run.out().contains("db-0 -> vm 0: 2 samples") && run.out().contains("web-1 -> vm 1: 2 samples"), run.out());
    assertTrue(run.out().contains(csv + " line 4: the active memory 'oops' is not a number"), run.out());
    assertTrue(Files.readString(trace.resolve("scenario.yaml")).contains("memory_mb: 4096"));
    JsonNode inspected = new ObjectMapper().readTree(
        CommandLineRun.of("inspect", "--trace", trace, "--json").expect(ExitCode.OK).out());
    assertEquals(4, inspected.get("events").get("demand").asLong(), inspected.toString());
    CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("results")).expect(ExitCode.OK);
  }

  @Test
  void demandCsvMapMistakesAreUsageErrorsAndAMissingColumnIsBadInput() throws Exception {
    Path csv = Files.writeString(dir.resolve("x.csv"), "t,v,a\n1,x,5\n2,x,6\n");
    CommandLineRun wrongUnit = CommandLineRun.of("import", "demand-csv", csv, "--map", "ts_s=t,vm=v,active_xb=a",
        "--out", dir.resolve("t")).expect(ExitCode.USAGE);
    assertTrue(wrongUnit.err().contains("unknown unit 'xb'"), wrongUnit.err());
    CommandLineRun missing = CommandLineRun.of("import", "demand-csv", csv, "--map", "ts_s=t,vm=name,active_mb=a",
        "--out", dir.resolve("t")).expect(ExitCode.BAD_INPUT);
    assertTrue(missing.err().contains(csv + ": has no column 'name'"), missing.err());
    CommandLineRun.of("import", "demand-csv", dir.resolve("none.csv"), "--map", "ts_s=t,vm=v,active_mb=a",
        "--out", dir.resolve("t")).expect(ExitCode.BAD_INPUT);
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void aCompressedLackeyTraceImportsTheSameTraceAsThePlainOne(Compression compression) throws Exception {
    Path plain = lackey("ls.lackey", 30_000, 0x400000);
    Path packedDir = Files.createDirectories(dir.resolve("packed"));
    Path packed = CompressedFiles.write(packedDir.resolve("ls.lackey"), compression, Files.readAllBytes(plain));
    CommandLineRun.of("import", "lackey", plain, "--out", dir.resolve("plain")).expect(ExitCode.OK);
    CommandLineRun run = CommandLineRun.of("import", "lackey", packed, "--out", dir.resolve("unpacked"))
        .expect(ExitCode.OK);
    assertTrue(run.out().contains("30,000 accesses"), run.out());
    assertEquals(TraceDataset.open(dir.resolve("plain")).manifest().digest(),
        TraceDataset.open(dir.resolve("unpacked")).manifest().digest());

    Path cut = CompressedFiles.truncate(packed, dir.resolve("cut.lackey"), 0.5);
    CommandLineRun failed = CommandLineRun.of("import", "lackey", cut, "--out", dir.resolve("cut"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(failed.err().contains(cut + ": the " + compression.label() + " data is corrupt or cut short"),
        failed.err());
    // bzip2 decodes its first block (900 KB of text, all of this one) when opened: the cut fails before line 1
    assertEquals(compression != Compression.BZIP2, failed.err().contains(" lines had been read"), failed.err());
    assertTrue(!Files.exists(dir.resolve("cut").resolve("manifest.json")), "a cut-short import must not look complete");
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = {"GZIP", "ZSTD"})
  void aGzipOrZstdDemandCsvIsReadByDuckDbWhateverItsName(Compression compression) throws Exception {
    String csv = "Timestamp,VM,Active (KB)\n2024-01-01T00:00:20Z,web-1,1024\n2024-01-01T00:00:20Z,db-0,2048\n"
        + "2024-01-01T00:00:40Z,web-1,oops\n\n2024-01-01T00:00:40Z,db-0,4096\n2024-01-01T00:01:00Z,web-1,8192\n";
    Path packed = CompressedFiles.write(dir.resolve("vcenter.csv"), compression, csv.getBytes(StandardCharsets.UTF_8));
    CommandLineRun run = CommandLineRun.of("import", "demand-csv", packed, "--map",
        "ts=Timestamp,vm=VM,active_kb=Active (KB)", "--out", dir.resolve("trace")).expect(ExitCode.OK);
    assertTrue(run.out().contains("4 samples of 2 VMs, 1 rejected"), run.out());
    assertTrue(run.out().contains(packed + " line 4: the active memory 'oops' is not a number"), run.out());
  }

  @ParameterizedTest
  @EnumSource(value = Compression.class, names = {"XZ", "BZIP2"})
  void anXzOrBzip2DemandCsvIsRefusedWithTheCommandThatConvertsIt(Compression compression) throws Exception {
    Path packed = CompressedFiles.write(dir.resolve("vcenter.csv"), compression,
        "t,v,a\n1,x,5\n".getBytes(StandardCharsets.UTF_8));
    CommandLineRun run = CommandLineRun.of("import", "demand-csv", packed, "--map", "ts_s=t,vm=v,active_mb=a",
        "--out", dir.resolve("trace")).expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains(packed + ": is " + compression.label() + "-compressed")
        && run.err().contains("-dc " + packed + " | zstd -o " + packed + ".zst"), run.err());
  }

  /** A lackey log: valgrind's banner, then {@code accesses} alternating fetches and stores from {@code base}. */
  private Path lackey(String name, int accesses, long base) throws Exception {
    StringBuilder text = new StringBuilder("==77== Lackey, an example Valgrind tool\n==77== Command: /bin/true\n");
    for (int i = 0; i < accesses; i++) {
      text.append(i % 2 == 0 ? String.format("I  %08x,4\n", base + 4L * i)
          : String.format(" S %08x,8\n", base + 0x10000 + 8L * i));
    }
    return Files.writeString(dir.resolve(name), text);
  }

  /** A pinatrace file of {@code accesses} reads, ended by {@code #eof}. */
  private Path pin(String name, int accesses) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < accesses; i++) {
      text.append(String.format("0x401%03x: R 0x7ffd%08x\n", i, 8 * i));
    }
    return Files.writeString(dir.resolve(name), text.append("#eof\n"));
  }
}
