package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each command prints, and the exit status and message it gives for each kind of mistake. */
class CommandLineBehaviourTest {

  @TempDir
  static Path shared;
  static Path trace;
  static Path results;

  @TempDir
  Path dir;

  @BeforeAll
  static void generateAndReplayOnce() {
    trace = shared.resolve("trace");
    results = shared.resolve("results");
    CommandLineRun.of("generate", "--out", trace, "--vms", 2, "--accesses", 20000, "--guest-mb", 16, "--duration", "1m")
        .expect(ExitCode.OK);
    CommandLineRun.of("replay", "--trace", trace, "--out", results, "--interval", "10s").expect(ExitCode.OK);
  }

  @Test
  void inspectJsonCountsEveryAccessOncePerVm() throws Exception {
    CommandLineRun run = CommandLineRun.of("inspect", "--trace", trace, "--json").expect(ExitCode.OK);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(20000, json.get("events").get("accesses").asLong());
    long perVm = 0;
    for (JsonNode vm : json.get("vms")) {
      perVm += vm.get("accesses").asLong();
      assertTrue(vm.get("distinct_pages_4k").asLong() >= vm.get("distinct_pages_2m").asLong());
    }
    assertEquals(20000, perVm);
  }

  @Test
  void aCommandLineBuiltForTheSubcommandItNamesHasThatOneAsTheWholeCommandLineHasIt() {
    CommandLine all = Main.commandLine();
    for (String name : all.getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      CommandLine one = Main.commandLine(name, "--help");
      assertEquals(Set.of(name), one.getSubcommands().keySet());
      assertEquals(all.getSubcommands().get(name).getUsageMessage(), one.getSubcommands().get(name).getUsageMessage(),
          name);
    }
    assertEquals(all.getSubcommands().keySet(), Main.commandLine("help", "replay").getSubcommands().keySet(),
        "help names a subcommand of its own, and needs them all");
    assertEquals(all.getSubcommands().keySet(), Main.commandLine("--version").getSubcommands().keySet());
  }

  @Test
  void everyCommandsHelpPrintsWithoutWarnings() {
    List<List<String>> commands = new ArrayList<>();
    collect(Main.commandLine(), new ArrayList<>(), commands);
    assertTrue(commands.size() > 10, "the commands and their subcommands: " + commands);
    for (List<String> command : commands) {
      List<Object> args = new ArrayList<>(command);
      args.add("--help");
      CommandLineRun help = CommandLineRun.of(args.toArray()).expect(ExitCode.OK);
      assertEquals("", help.err(), "memreplay " + String.join(" ", command) + " --help");
      assertTrue(help.out().startsWith("Usage: memreplay"), help.out());
    }
  }

  private static void collect(picocli.CommandLine parent, List<String> path, List<List<String>> into) {
    for (var sub : parent.getSubcommands().entrySet()) {
      if (!sub.getKey().equals(sub.getValue().getCommandName())) {
        continue; // an alias
      }
      List<String> command = new ArrayList<>(path);
      command.add(sub.getKey());
      if (!sub.getKey().equals("help")) {
        into.add(command);
      }
      collect(sub.getValue(), command, into);
    }
  }

  @Test
  void replayHelpNamesEveryBuiltInPolicy() {
    String help = CommandLineRun.of("replay", "--help").expect(ExitCode.OK).out();
    for (String name : io.memreplay.engine.config.Policies.builtInNames()) {
      assertTrue(help.contains(name), name + " missing from:\n" + help);
    }
  }

  @Test
  void publishAndReplayWaitForKafkaEquallyLongByDefault() {
    String publish = timeoutHelp(CommandLineRun.of("publish", "--help").expect(ExitCode.OK).out());
    String replay = timeoutHelp(CommandLineRun.of("replay", "--help").expect(ExitCode.OK).out());
    assertTrue(publish.contains("(default: 10s)"), publish);
    assertEquals(publish, replay);
  }

  /** The help of {@code --timeout}: its line in the options list and the lines that continue it, spaces collapsed. */
  private static String timeoutHelp(String help) {
    List<String> lines = help.lines().toList();
    int first = 0;
    while (!lines.get(first).strip().startsWith("--timeout=")) {
      first++;
    }
    StringBuilder text = new StringBuilder(lines.get(first).strip());
    for (int i = first + 1; i < lines.size() && !lines.get(i).strip().startsWith("-"); i++) {
      text.append(' ').append(lines.get(i).strip());
    }
    return text.toString().replaceAll("\\s+", " ");
  }

  @Test
  void reportNamesTheRunAndItsVms() {
    CommandLineRun run = CommandLineRun.of("report", "--results", results).expect(ExitCode.OK);
    assertTrue(run.out().contains("Policy esxi-default") && run.out().contains("linux-0") && run.out().contains("windows-1"),
        run.out());
  }

  @Test
  void aUserPolicyFileIsReplayedUnderItsName() throws Exception {
    Path policy = dir.resolve("mine.yaml");
    Files.writeString(policy, "name: mine\nsharing:\n  salting: 0\n");
    CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--policy", policy).expect(ExitCode.OK);
    assertTrue(Files.isDirectory(dir.resolve("r/vm_intervals/policy=mine")));
  }

  @Test
  void aPolicyFileMayKeepABuiltInsNameOnlyWithItsSettings() throws Exception {
    String printed = CommandLineRun.of("policies", "esxi-default").expect(ExitCode.OK).out();
    Path copy = dir.resolve("copy.yaml");
    Files.writeString(copy, printed.replace("description: \"", "description: \"my copy: "));
    CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--policy", copy).expect(ExitCode.OK);

    Path edited = dir.resolve("edited.yaml");
    Files.writeString(edited, printed.replace("idle_tax_pct: 75.0", "idle_tax_pct: 50.0"));
    assertNotEquals(printed, Files.readString(edited));
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r2"), "--policy", edited)
        .expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("edited.yaml: named 'esxi-default' like a built-in policy, with other settings"),
        run.err());
    assertFalse(Files.exists(dir.resolve("r2")));
  }

  @Test
  void twoPoliciesOfOneNameAreBadInputBeforeAnythingIsWritten() throws Exception {
    Path copy = dir.resolve("copy.yaml");
    Files.writeString(copy, CommandLineRun.of("policies", "esxi-default").expect(ExitCode.OK).out());
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--policy",
        "esxi-default", "--policy", copy).expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("two policies are named 'esxi-default'"), run.err());
    assertFalse(Files.exists(dir.resolve("r")));
  }

  @Test
  void accessesOfAVmThatIsOffAreCountedAndSaidOnStderr() throws Exception {
    Path scenario = dir.resolve("off.yaml");
    Files.writeString(scenario, Files.readString(trace.resolve("scenario.yaml")).replace("timeline: []\n", "")
        + "timeline:\n  - {at_s: 30, vm: 0, action: power-off}\n");
    Path results = dir.resolve("r");
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--scenario", scenario, "--out", results)
        .expect(ExitCode.OK);
    String dropped = CommandLineRun.of("sql", "--results", results, "--format", "csv",
        "SELECT sum(dropped_accesses) FROM vm_intervals WHERE vm = 0").expect(ExitCode.OK).out().split("\r\n")[1];
    assertTrue(Long.parseLong(dropped) > 0, dropped);
    assertTrue(run.err().contains(String.format("did not replay %,d of its 20,000 accesses", Long.parseLong(dropped))),
        run.err());
  }

  @Test
  void aMissingTraceIsBadInputNamingTheFolder() {
    CommandLineRun run = CommandLineRun.of("replay", "--trace", dir.resolve("nope"), "--out", dir.resolve("r"))
        .expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("nope: no such trace folder"), run.err());
  }

  @Test
  void aTruncatedTraceFileIsBadInputNamingTheFile() throws Exception {
    Path broken = dir.resolve("broken");
    copyTree(trace, broken);
    Path file = broken.resolve("accesses/part-00000.parquet");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
    CommandLineRun run = CommandLineRun.of("replay", "--trace", broken, "--out", dir.resolve("r")).expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("accesses/part-00000.parquet: not a readable Parquet file"), run.err());
  }

  @Test
  void wrongArgumentsAreUsageErrors() {
    CommandLineRun.of("replay", "--trace", trace).expect(ExitCode.USAGE);
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir, "--interval", "5").expect(ExitCode.USAGE);
    assertTrue(run.err().contains("'5' is not a duration"), run.err());
    CommandLineRun.of("frobnicate").expect(ExitCode.USAGE);
  }

  @Test
  void anUnknownPolicyIsBadInputListingTheBuiltIns() {
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("r"), "--policy", "nope")
        .expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("esxi-default"), run.err());
  }

  @Test
  void recordsOfVmsOutsideTheScenarioAreRejectedAndStrictModeSaysSo() throws Exception {
    Path scenario = dir.resolve("one-vm.yaml");
    String yaml = Files.readString(trace.resolve("scenario.yaml"));
    Files.writeString(scenario, yaml.substring(0, yaml.indexOf("- id: 1")));
    Path out = dir.resolve("r");
    CommandLineRun lenient = CommandLineRun.of("replay", "--trace", trace, "--scenario", scenario, "--out", out)
        .expect(ExitCode.OK);
    assertTrue(lenient.out().contains("Rejected"), lenient.out());
    CommandLineRun rejects = CommandLineRun.of("sql", "--results", out, "--format", "csv",
        "SELECT DISTINCT vm, reason FROM rejects").expect(ExitCode.OK);
    assertTrue(rejects.out().contains("1,vm is not in scenario"), rejects.out());
    CommandLineRun.of("replay", "--trace", trace, "--scenario", scenario, "--out", out, "--strict").expect(ExitCode.REJECTS);
  }

  @Test
  void aTimelineChangeThatNoPolicyOfTheReplayCanTakeIsBadInputNamingTheEntryAndThePolicy() throws Exception {
    Path scenario = dir.resolve("timeline.yaml");
    // soft at 80% of minFree fits ESXi's thresholds (clear 100%, hard 32%), not esx-2002's (clear at 4% of host memory)
    Files.writeString(scenario, Files.readString(trace.resolve("scenario.yaml")).replace("timeline: []\n", "")
        + "timeline:\n  - {at_s: 10, policy: {states: {soft_pct: 80}}}\n");
    CommandLineRun.of("replay", "--trace", trace, "--scenario", scenario, "--out", dir.resolve("ok"), "--pacing", "open-loop")
        .expect(ExitCode.OK);
    CommandLineRun run = CommandLineRun.of("replay", "--trace", trace, "--scenario", scenario, "--out", dir.resolve("r"),
        "--policy", "esx-2002").expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("timeline entry at 10.0 s, on policy esx-2002") && run.err().contains("thresholds must fall"),
        run.err());
    CommandLineRun pacing = CommandLineRun.of("replay", "--trace", trace, "--out", dir.resolve("p"), "--pacing", "sometimes")
        .expect(ExitCode.USAGE);
    assertTrue(pacing.err().contains("closed-loop or open-loop"), pacing.err());
  }

  @Test
  void badSqlAndNonResultFoldersAreBadInput() {
    CommandLineRun bad = CommandLineRun.of("sql", "--results", results, "SELEC 1").expect(ExitCode.BAD_INPUT);
    assertTrue(bad.err().contains("syntax error") && bad.err().contains("SELEC 1"), bad.err());
    CommandLineRun notResults = CommandLineRun.of("report", "--results", trace).expect(ExitCode.BAD_INPUT);
    assertTrue(notResults.err().contains("is not a memreplay results folder"), notResults.err());
  }

  @Test
  void generateRefusesToOverwriteUnlessForced() {
    CommandLineRun run = CommandLineRun.of("generate", "--out", trace, "--accesses", 10).expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("--force"), run.err());
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Files.copy(path, to.resolve(from.relativize(path).toString()));
      }
    }
  }
}
