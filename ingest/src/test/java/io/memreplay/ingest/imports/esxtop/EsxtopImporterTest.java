package io.memreplay.ingest.imports.esxtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.ingest.TraceRecords;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.Imports;
import io.memreplay.schemas.avro.MemoryDemand;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EsxtopImporterTest {

  /** A host name with blanks, and a VM name with parentheses, a comma and a colon, as vSphere allows. */
  static final String HOST = "esx 01 lab";
  static final String WEB = "web (prod), eu:1";
  static final long T0 = Instant.parse("2024-03-01T10:00:05Z").toEpochMilli() * 1_000_000L;
  static final long S = 1_000_000_000L;

  @TempDir
  Path dir;

  /**
   * One VM's values in {@link EsxtopCsv#VM_COUNTERS} order (MB, and % for the active estimates).
   */
  static List<String> vm(double memorySize, double granted, double consumed, double activePct, double ballooned,
      double swapped, double compressed, double shared, double sharedSaved, double zero, double overhead) {
    return List.of("4", mb(memorySize), mb(granted), mb(consumed), mb(memorySize), mb(granted / 2), mb(granted / 4),
        mb(activePct), mb(activePct), mb(activePct), mb(activePct), mb(ballooned), mb(swapped), "0.00", mb(compressed),
        mb(shared), mb(sharedSaved), mb(zero), mb(overhead));
  }

  static String mb(double value) {
    return String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  /** Columns of the host, two VMs, a VMkernel group and objects memreplay does not read, in esxtop's order. */
  static List<String> columns() {
    List<String> columns = new ArrayList<>(List.of("Memory\\Memory Overcommit (1 Minute Avg)", "Memory\\Machine MBytes",
        "Physical Cpu(0)\\% Processor Time", "Group Cpu(1:system)\\% Used", "Group Cpu(81234:" + WEB + ")\\% Used"));
    columns.addAll(EsxtopCsv.group(1, "system", List.of("Members", "Memory Size MBytes", "Touched MBytes")));
    columns.addAll(EsxtopCsv.group(81234, WEB, EsxtopCsv.VM_COUNTERS));
    columns.addAll(EsxtopCsv.group(90001, "db-0", EsxtopCsv.VM_COUNTERS));
    columns.add("Virtual Disk(db-0)\\Reads/sec");
    return columns;
  }

  static List<String> row(List<String> web, List<String> db) {
    List<String> values = new ArrayList<>(List.of("0.12", "16384.00", "12.5", "0.4", "30.1", "12", "0.00", "130.00"));
    values.addAll(web);
    values.addAll(db);
    values.add("3.00");
    return values;
  }

  /** The file the happy-path tests share: three samples 5 s apart. */
  static EsxtopCsv threeSamples() {
    return new EsxtopCsv(HOST).header(columns())
        .row("03/01/2024 10:00:05", row(vm(4096, 3000, 2500, 25, 0, 0, 0, 600, 500, 100, 40),
            vm(2048, 2048, 2048, 50, 0, 0, 0, 0, 0, 0, 30)))
        .row("03/01/2024 10:00:10", row(vm(4096, 3100, 2600, 30, 200, 100, 50, 600, 500, 100, 40),
            vm(2048, 2048, 2048, 60, 0, 0, 0, 0, 0, 0, 30)))
        .row("03/01/2024 10:00:15", row(vm(4096, 3200, 2700, 10, 300, 100, 50, 650, 520, 90, 41),
            vm(2048, 1900, 1900, 70, 100, 48, 0, 0, 0, 0, 30)));
  }

  private EsxtopSummary importFiles(Map<String, String> counters, Path... files) throws IOException, ImportException {
    return EsxtopImporter.run(new EsxtopOptions(List.of(files), null, null, null, counters), dir.resolve("trace"),
        TraceDatasetWriter.Settings.DEFAULT, rows -> {});
  }

  private List<MemoryDemand> demand() throws IOException {
    return TraceRecords.read(dir.resolve("trace"), RecordKind.DEMAND);
  }

  private static MemoryDemand sample(long tsNs, int vm, long periodNs, long active, Long touched, long... observed) {
    return MemoryDemand.newBuilder().setTsNs(tsNs).setVm(vm).setPeriodNs(periodNs).setActivePages(active)
        .setTouchedPages(touched).setObservedGrantedPages(observed[0]).setObservedConsumedPages(observed[1])
        .setObservedOverheadPages(observed[2]).setObservedBalloonedPages(observed[3])
        .setObservedSwappedPages(observed[4]).setObservedCompressedPages(observed[5])
        .setObservedSharedPages(observed[6]).setObservedSharedSavedPages(observed[7])
        .setObservedZeroPages(observed[8]).build();
  }

  @Test
  void eachVmsSamplesBecomeDemandWithTheHostsObservedStateInPages() throws Exception {
    Path file = threeSamples().write(dir.resolve("esxtop.csv"));
    EsxtopSummary summary = importFiles(Map.of(), file);

    assertEquals(HOST, summary.host());
    assertEquals(16384L, summary.machineMb());
    assertEquals(List.of("system"), summary.skippedGroups());
    assertEquals(List.of("db-0", WEB), summary.demand().vms().stream().map(v -> v.name()).toList());
    assertEquals(6, summary.demand().samples());
    assertEquals(0, summary.demand().rejected());
    assertTrue(summary.observedMissing().isEmpty(), summary.observedMissing().toString());
    // 1 MB is 256 pages; active = %ACTV of the memory size; touched = granted + ballooned + swapped + compressed
    List<MemoryDemand> rows = demand();
    assertEquals(sample(T0, 0, 5 * S, 262_144, 524_288L, 524_288, 524_288, 7680, 0, 0, 0, 0, 0, 0), rows.get(0));
    assertEquals(sample(T0, 1, 5 * S, 262_144, 768_000L, 768_000, 640_000, 10_240, 0, 0, 0, 153_600, 128_000,
        25_600), rows.get(1));
    assertEquals(sample(T0 + 5 * S, 1, 5 * S, 314_573, 883_200L, 793_600, 665_600, 10_240, 51_200, 25_600, 12_800,
        153_600, 128_000, 25_600), rows.get(3));
    // db-0 at 10:00:15: 1900 + 100 + 48 MB touched
    assertEquals(524_288L, rows.get(4).getTouchedPages());
    assertEquals(List.of(T0, T0, T0 + 5 * S, T0 + 5 * S, T0 + 10 * S, T0 + 10 * S),
        rows.stream().map(MemoryDemand::getTsNs).toList());

    // the scenario: each VM its memory size, the host the memory it recorded
    assertEquals(2048, summary.demand().scenario().vm(0).memoryMb());
    assertEquals(4096, summary.demand().scenario().vm(1).memoryMb());
    assertEquals(16384, summary.demand().scenario().host().memoryMb());
    assertEquals(HOST, TraceDataset.open(dir.resolve("trace")).manifest().host());
  }

  @Test
  void aHostSizeBeyondWhatIsModelledIsARejectNotTheScenariosHostSize() throws Exception {
    // 1.2e22 MB would round to 2^63 - 1: a scenario no replay could read
    List<String> huge = new ArrayList<>(row(vm(4096, 3100, 2600, 30, 0, 0, 0, 600, 500, 100, 40),
        vm(2048, 2048, 2048, 60, 0, 0, 0, 0, 0, 0, 30)));
    huge.set(1, "12299999999999999999999.00");
    Path file = new EsxtopCsv(HOST).header(columns())
        .row("03/01/2024 10:00:05", row(vm(4096, 3000, 2500, 25, 0, 0, 0, 600, 500, 100, 40),
            vm(2048, 2048, 2048, 50, 0, 0, 0, 0, 0, 0, 30)))
        .row("03/01/2024 10:00:10", huge)
        .write(dir.resolve("esxtop.csv"));
    EsxtopSummary summary = importFiles(Map.of(), file);

    assertEquals(16384L, summary.machineMb(), "the size of the other rows");
    assertEquals(16384, summary.demand().scenario().host().memoryMb());
    assertEquals(1, summary.demand().rejected(), "the row's host size is kept as a reject");
    assertEquals("the host's Machine MBytes 12299999999999999999999.00 is more than memreplay models: at most "
        + HostSpec.MAX_MEMORY_MB + " MB (1 PiB)", rejects().get(0).getReason());
    assertEquals(4, summary.demand().samples(), "its VMs' samples are not lost with it");
  }

  @Test
  void aVmSizeBeyondWhatIsModelledIsARejectNotTheScenariosVmSize() throws Exception {
    Path file = new EsxtopCsv(HOST).header(columns())
        .row("03/01/2024 10:00:05", row(vm(4096, 3000, 2500, 25, 0, 0, 0, 600, 500, 100, 40),
            vm(2048, 2048, 2048, 50, 0, 0, 0, 0, 0, 0, 30)))
        .row("03/01/2024 10:00:10", row(vm(1.23e22, 3100, 2600, 30, 0, 0, 0, 600, 500, 100, 40),
            vm(2048, 2048, 2048, 60, 0, 0, 0, 0, 0, 0, 30)))
        .row("03/01/2024 10:00:15", row(vm(4096, 3200, 2700, 10, 0, 0, 0, 650, 520, 90, 41),
            vm(2048, 1900, 1900, 70, 0, 0, 0, 0, 0, 0, 30)))
        .write(dir.resolve("esxtop.csv"));
    EsxtopSummary summary = importFiles(Map.of(), file);

    assertEquals(4096, summary.demand().scenario().vm(1).memoryMb(), "the size of its other samples");
    assertEquals(1, summary.demand().rejected());
    String reason = rejects().get(0).getReason();
    assertTrue(reason.startsWith("the memory_size value ") && reason.endsWith(
        " is more than memreplay models: at most " + HostSpec.MAX_MEMORY_MB + " MB (1 PiB)"), reason);
    assertEquals(5, summary.demand().samples());
  }

  @Test
  void emptyValuesAreMissingSamplesAndAHeaderMidFileAddsVmsAndCounters() throws Exception {
    List<String> first = new ArrayList<>(List.of("Memory\\Machine MBytes"));
    List<String> counters = EsxtopCsv.VM_COUNTERS.stream().filter(c -> !c.equals("Zero MBytes")).toList();
    first.addAll(EsxtopCsv.group(81234, WEB, counters));
    List<String> blank = counters.stream().map(c -> "").toList();
    List<String> web = new ArrayList<>(vm(4096, 3000, 2500, 25, 0, 0, 0, 600, 500, 100, 40));
    web.remove(17);
    List<String> second = new ArrayList<>(List.of("Memory\\Machine MBytes"));
    second.addAll(EsxtopCsv.group(81234, WEB, EsxtopCsv.VM_COUNTERS));
    // the VM powered off and on again: a new GID, the same VM
    second.addAll(EsxtopCsv.group(95555, "new-vm", EsxtopCsv.VM_COUNTERS));
    Path file = new EsxtopCsv(HOST).header(first)
        .row("03/01/2024 10:00:05", concat(List.of("8192"), web))
        .row("03/01/2024 10:00:10", concat(List.of("8192"), blank))
        .header(second)
        .row("03/01/2024 10:00:15", concat(List.of("8192"), vm(4096, 3000, 2500, 25, 0, 0, 0, 600, 500, 100, 40),
            vm(1024, 512, 512, 5, 0, 0, 0, 0, 0, 77, 20)))
        .write(dir.resolve("esxtop.csv"));
    EsxtopSummary summary = importFiles(Map.of(), file);

    assertEquals(1, summary.missingSamples());
    assertEquals(3, summary.demand().samples());
    List<MemoryDemand> rows = demand();
    assertEquals(List.of(T0, T0 + 10 * S, T0 + 10 * S), rows.stream().map(MemoryDemand::getTsNs).toList());
    // vm 0 is new-vm, vm 1 the web VM: zero pages recorded only once its counter appeared
    assertEquals(List.of(1, 0, 1), rows.stream().map(MemoryDemand::getVm).toList());
    assertNull(rows.get(0).getObservedZeroPages());
    assertEquals(25_600L, rows.get(2).getObservedZeroPages());
    assertEquals(19_712L, rows.get(1).getObservedZeroPages());
    // the web VM's second sample covers the 10 s since the previous row of the file
    assertEquals(5 * S, rows.get(2).getPeriodNs());
  }

  @Test
  void aGivenPeriodIsEverySamplesPeriodTheFirstRowsToo() throws Exception {
    Path file = threeSamples().write(dir.resolve("esxtop.csv"));
    importFiles(Map.of(), file);
    List<MemoryDemand> timed = demand();
    assertEquals(List.of(5 * S, 5 * S, 5 * S, 5 * S, 5 * S, 5 * S), timed.stream().map(MemoryDemand::getPeriodNs).toList());

    EsxtopImporter.run(new EsxtopOptions(List.of(file), null, null, 7 * S, Map.of()), dir.resolve("trace"),
        TraceDatasetWriter.Settings.DEFAULT.replacing(), rows -> {});
    List<MemoryDemand> given = demand();
    assertEquals(timed.size(), given.size());
    for (int i = 0; i < timed.size(); i++) {
      MemoryDemand expected = MemoryDemand.newBuilder(timed.get(i)).setPeriodNs(7 * S).build();
      assertEquals(expected, given.get(i), "row " + i);
    }
  }

  @Test
  void unusableRowsAreRejectedWithTheirLineAndReasonAndTheRestImports() throws Exception {
    List<String> good = row(vm(4096, 3000, 2500, 25, 0, 0, 0, 600, 500, 100, 40),
        vm(2048, 2048, 2048, 50, 0, 0, 0, 0, 0, 0, 30));
    List<String> badValue = new ArrayList<>(good);
    badValue.set(8 + 1, "n/a");
    Path file = new EsxtopCsv(HOST).header(columns())
        .row("03/01/2024 10:00:05", good)
        .row("03/01/2024 10:00:10", badValue)
        .row("2024-03-01 10:00:15", good)
        .row("03/01/2024 10:00:20", good.subList(0, 10))
        .row("03/01/2024 10:00:25", good)
        .raw("\"03/01/2024 10:00:30\",\"0.12\",\"16384.00\",\"12")
        .write(dir.resolve("esxtop.csv"));
    EsxtopSummary summary = importFiles(Map.of(), file);

    // 2 VMs in rows 2, 3 (web only: db-0 was fine), 6; rows 4, 5 and 7 rejected whole
    assertEquals(5, summary.demand().samples());
    List<Reject> rejects = rejects();
    assertEquals(List.of(3L, 4L, 5L, 7L), rejects.stream().map(Reject::getPosition).toList());
    assertEquals("the memory_size value 'n/a' is not a number", rejects.get(0).getReason());
    assertEquals(WEB, summary.demand().vms().get(rejects.get(0).getVm()).name());
    assertEquals("the time '2024-03-01 10:00:15' is not MM/dd/yyyy HH:mm:ss", rejects.get(1).getReason());
    assertEquals("the row has 11 fields, its header 48", rejects.get(2).getReason());
    assertEquals("the row is cut short: the file ends inside it, after 4 of 48 fields", rejects.get(3).getReason());
    assertTrue(rejects.stream().allMatch(r -> r.getSource().equals(file.toString())));
  }

  @Test
  void aFileThatIsNotAnEsxtopBatchFileIsRefusedNamingItsLine() throws Exception {
    Path lackey = java.nio.file.Files.writeString(dir.resolve("ls.lackey"), "I  0023C790,2\n L BE801950,4\n");
    ImportException e = assertThrows(ImportException.class, () -> importFiles(Map.of(), lackey));
    assertTrue(e.getMessage().startsWith(lackey + " line 1: not an esxtop batch file"), e.getMessage());
    assertTrue(!java.nio.file.Files.exists(dir.resolve("trace").resolve("manifest.json")));
  }

  @Test
  void filesOfTwoHostsAreRefused() throws Exception {
    Path a = threeSamples().write(dir.resolve("a.csv"));
    Path b = new EsxtopCsv("esx02").header(columns()).write(dir.resolve("b.csv"));
    ImportException e = assertThrows(ImportException.class, () -> importFiles(Map.of(), a, b));
    assertTrue(e.getMessage().contains(b + " line 1: the header is of host 'esx02', " + a + " line 1 of '" + HOST + "'"),
        e.getMessage());
  }

  @Test
  void aCounterEsxtopNamesOtherwiseIsFoundWhenNamed() throws Exception {
    List<String> renamed = EsxtopCsv.VM_COUNTERS.stream().map(c -> c.equals("Memctl MBytes") ? "Balloon Size MB" : c)
        .toList();
    List<String> columns = new ArrayList<>(EsxtopCsv.group(81234, WEB, renamed));
    Path file = new EsxtopCsv(HOST).header(columns)
        .row("03/01/2024 10:00:05", vm(4096, 3000, 2500, 25, 300, 0, 0, 600, 500, 100, 40))
        .row("03/01/2024 10:00:10", vm(4096, 3000, 2500, 25, 300, 0, 0, 600, 500, 100, 40))
        .write(dir.resolve("esxtop.csv"));
    EsxtopSummary plain = importFiles(Map.of(), file);
    assertTrue(plain.observedMissing().get(0).startsWith("ballooned (looked for [Memctl MBytes,"),
        plain.observedMissing().toString());
    assertNull(demand().get(0).getObservedBalloonedPages());

    EsxtopSummary named = EsxtopImporter.run(new EsxtopOptions(List.of(file), null, null, null,
        Map.of("ballooned", "Balloon Size MB")), dir.resolve("trace"), TraceDatasetWriter.Settings.DEFAULT.replacing(),
        rows -> {});
    assertTrue(named.observedMissing().isEmpty(), named.observedMissing().toString());
    assertEquals(76_800L, demand().get(0).getObservedBalloonedPages());
    assertThrows(ImportException.class, () -> importFiles(Map.of("balloon", "x"), file));
  }

  @Test
  void timesInAnotherZoneAreMadeUtcWithPerfMonsBias() throws Exception {
    List<String> columns = EsxtopCsv.group(81234, WEB, EsxtopCsv.VM_COUNTERS);
    List<String> values = vm(4096, 3000, 2500, 25, 0, 0, 0, 600, 500, 100, 40);
    Path file = new EsxtopCsv(HOST).header("Pacific Standard Time", 480, columns)
        .row("03/01/2024 02:00:05.000", values).row("03/01/2024 02:00:10.500", values).write(dir.resolve("pst.csv"));
    importFiles(Map.of(), file);
    assertEquals(List.of(T0, T0 + 5 * S + S / 2), demand().stream().map(MemoryDemand::getTsNs).toList());
  }

  private List<Reject> rejects() throws IOException {
    return Imports.rejects(dir.resolve("trace"));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }
}
