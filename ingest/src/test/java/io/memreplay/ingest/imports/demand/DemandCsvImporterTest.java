package io.memreplay.ingest.imports.demand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.ingest.TraceRecords;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.Imports;
import io.memreplay.schemas.avro.MemoryDemand;
import io.memreplay.schemas.trace.TraceFixtures;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitoring exports read through DuckDB's CSV reader into demand samples, rejects and a scenario. */
class DemandCsvImporterTest {

  private static final long T0 = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z
  private static final long S = 1_000_000_000L;
  private static final String VCENTER_MAP = "ts=Timestamp,vm=VM,active_kb=Active (KB),touched_kb=Consumed (KB)";

  @TempDir
  Path dir;

  @Test
  void aVcenterExportBecomesSamplesSortedByTimeWithVmIdsByNameAndPeriodsFromTheSampleGaps() throws Exception {
    Path csv = write("vcenter.csv",
        "Timestamp,VM,Active (KB),Consumed (KB)",
        "2024-01-01T00:00:40Z,web-1,2048,8192",
        "2024-01-01T00:00:20Z,web-1,1024,8192",
        "2024-01-01 00:00:20,db-0,4096,16384",
        "2024-01-01T00:01:00Z,web-1,4096,8192",
        "2024-01-01T00:00:40+00:00,db-0,1000,16384");
    DemandSummary summary = run(csv, VCENTER_MAP, null);

    List<MemoryDemand> rows = TraceRecords.read(dir.resolve("trace"), RecordKind.DEMAND);
    assertEquals(List.of(
        TraceFixtures.demand(T0 + 20 * S, 0, 20 * S, 1024L, 4096L),
        TraceFixtures.demand(T0 + 20 * S, 1, 20 * S, 256L, 2048L),
        TraceFixtures.demand(T0 + 40 * S, 0, 20 * S, 250L, 4096L),
        TraceFixtures.demand(T0 + 40 * S, 1, 20 * S, 512L, 2048L),
        TraceFixtures.demand(T0 + 60 * S, 1, 20 * S, 1024L, 2048L)), rows);
    assertEquals(List.of("db-0", "web-1"), summary.vms().stream().map(DemandStaging.Vm::name).toList());
    assertEquals(64, summary.scenario().vm(0).memoryMb(), "sized like the other importers: at least 64 MB");
    assertEquals(5, summary.samples());
    assertEquals(0, summary.rejected());
    TraceDataset trace = TraceDataset.open(dir.resolve("trace"));
    assertEquals(5, trace.manifest().totalEvents());
    assertFalse(trace.manifest().nominalTime(), "monitoring exports carry real time");
    assertTrue(Files.isRegularFile(dir.resolve("trace/scenario.yaml")));
  }

  @Test
  void badRecordsGoToTheRejectsWithTheirLineInTheFileAndWhyTheRestIsImported() throws Exception {
    Path csv = write("bad.csv",
        "Timestamp,VM,Active (KB),Consumed (KB)",         // 1
        "2024-01-01T00:00:20Z,web-1,1024,8192",           // 2
        "",                                               // 3 blank: skipped
        "2024-01-01T00:00:20Z,\"db",                      // 4 a quoted line break ...
        "0\",4096,16384",                                 // 5 ... inside the VM name
        "yesterday,web-1,1024,8192",                      // 6
        "2024-01-01T00:00:40Z,web-1,-5,8192",             // 7
        "2024-01-01T00:00:40Z,web-1,,8192",               // 8
        "2024-01-01T00:00:40Z,web-1,3 XB,8192",           // 9
        "2024-01-01T00:00:40Z,web-1,3,extra,fields",      // 10
        "2024-01-01T00:00:40Z,web-1,9000,8",              // 11
        "2024-01-01T00:00:40Z,web-1,2 MB,8192",           // 12 a unit after the value
        "2024-01-01T00:00:40Z,web-1,1024,8192",           // 13 web-1 at 00:40 again
        "2024-01-01T00:01:00Z,lonely,1024,8192");         // 14 one sample, no period
    DemandSummary summary = run(csv, VCENTER_MAP, null);

    List<Reject> rejects = Imports.rejects(dir.resolve("trace"));
    assertEquals(List.of(
        "4: the sampling period is unknown: VM 'db\n0' has this one sample; give --period or map period_s=COLUMN",
        "6: 'yesterday' is not a timestamp (ISO 8601 such as 2024-01-01T00:00:20Z expected; for epoch numbers map"
            + " ts_s=, ts_ms=, ts_us= or ts_ns=)",
        "7: the active memory -5 is negative",
        "8: no active memory (column 'Active (KB)' is empty)",
        "9: the active memory '3 XB' has an unknown unit 'XB' (known: B, KB, KiB, MB, MiB, GB, GiB, TB, TiB, pages, %)",
        "10: DuckDB's CSV reader: TOO MANY COLUMNS: Expected Number of Columns: 4 Found: 5",
        "11: touched memory (2 pages) is below active memory (2250 pages)",
        "13: VM 'web-1' has another sample at the same time, on line 12",
        "14: the sampling period is unknown: VM 'lonely' has this one sample; give --period or map period_s=COLUMN"),
        rejects.stream().map(r -> r.getPosition() + ": " + r.getReason()).toList());
    assertTrue(rejects.stream().allMatch(r -> r.getSource().equals(csv.toString()) && r.getKind().equals("line")));
    assertEquals("Timestamp=yesterday, VM=web-1, Active (KB)=1024, Consumed (KB)=8192", rejects.get(1).getRecord());
    assertEquals("vm=web-1, ts_ns=" + (T0 + 40 * S) + ", active_pages=256", rejects.get(7).getRecord());
    assertEquals(9, summary.rejected());
    assertEquals(9, TraceDataset.open(dir.resolve("trace")).manifest().importRejects().count());

    List<MemoryDemand> rows = TraceRecords.read(dir.resolve("trace"), RecordKind.DEMAND);
    assertEquals(List.of("web-1"), summary.vms().stream().map(DemandStaging.Vm::name).toList());
    assertEquals(List.of(TraceFixtures.demand(T0 + 20 * S, 0, 20 * S, 256L, 2048L),
        TraceFixtures.demand(T0 + 40 * S, 0, 20 * S, 512L, 2048L)), rows, "2 MB is 512 pages");
  }

  @Test
  void epochMillisecondsPercentagesOfAConfiguredColumnAndAPeriodColumn() throws Exception {
    Path csv = write("prometheus.csv",
        "time;instance;mem_active_pct;mem_size_mb;step",
        "1704067260000;vm-b;50;2048;60",
        "1704067200000;vm-a;12.5;1024;60",
        "1704067200500;vm-b;25;2048;60");
    DemandSummary summary = run(csv, "ts_ms=time,vm=instance,active_pct=mem_active_pct,configured_mb=mem_size_mb,"
        + "period_s=step", null);
    List<MemoryDemand> rows = TraceRecords.read(dir.resolve("trace"), RecordKind.DEMAND);
    assertEquals(List.of(
        TraceFixtures.demand(T0, 0, 60 * S, 32768L, null),
        TraceFixtures.demand(T0 + S / 2, 1, 60 * S, 131072L, null),
        TraceFixtures.demand(T0 + 60 * S, 1, 60 * S, 262144L, null)), rows);
    assertEquals(1024, summary.scenario().vm(0).memoryMb(), "the configured column sizes the VM");
    assertEquals(2048, summary.scenario().vm(1).memoryMb());
    assertEquals(3072, summary.scenario().host().memoryMb());
  }

  @Test
  void theSameFileGivesByteIdenticalTablesAndTheSameDigest() throws Exception {
    StringBuilder text = new StringBuilder("Timestamp,VM,Active (KB),Consumed (KB)\n");
    for (int t = 0; t < 500; t++) {
      for (int vm = 9; vm >= 0; vm--) {
        text.append(String.format("2024-01-01T%02d:%02d:%02dZ,vm-%d,%d,%d%n", t / 180, (t / 3) % 60, (t % 3) * 20, vm,
            (t * 37 + vm * 101) % 4000, 8192));
      }
    }
    Path csv = Files.writeString(dir.resolve("big.csv"), text);
    run(csv, VCENTER_MAP, dir.resolve("a"));
    run(csv, VCENTER_MAP, dir.resolve("b"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a/demand/part-00000.parquet")),
        Files.readAllBytes(dir.resolve("b/demand/part-00000.parquet")));
    assertEquals(TraceDataset.open(dir.resolve("a")).manifest().digest(),
        TraceDataset.open(dir.resolve("b")).manifest().digest());
    assertEquals(5000, TraceDataset.open(dir.resolve("a")).manifest().totalEvents());
  }

  @Test
  void aColumnTheFileDoesNotHaveIsRefusedNamingTheFileAndItsColumns() throws Exception {
    Path csv = write("x.csv", "Timestamp,VM,Active (KB)", "2024-01-01T00:00:20Z,web-1,1024");
    ImportException e = assertThrows(ImportException.class, () -> run(csv, "ts=Timestamp,vm=Name,active_kb=Active (KB)",
        null));
    assertEquals(csv + ": has no column 'Name' (--map ts=Timestamp,vm=Name,active_kb=Active (KB)); its columns:"
        + " 'Timestamp', 'VM', 'Active (KB)'", e.getMessage());
    assertFalse(Files.exists(dir.resolve("trace")));
  }

  @Test
  void aFileWithoutOneUsableSampleIsRefused() throws Exception {
    Path csv = write("x.csv", "Timestamp,VM,Active (KB)", "2024-01-01T00:00:20Z,web-1,-1");
    ImportException e = assertThrows(ImportException.class, () -> run(csv, "ts=Timestamp,vm=VM,active_kb=Active (KB)",
        null));
    assertTrue(e.getMessage().startsWith(csv + ": no usable sample in it"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("trace/manifest.json")));
  }

  @Test
  void aLineOverTwoMegabytesIsARejectWithItsLineWhileTheOtherRecordsImport() throws Exception {
    // among the first rows, which DuckDB's sniffer reads: with its 2 MB limit it refused the whole file
    String overlong = "2024-01-01T00:00:40Z,web-1," + "9".repeat(3_000_000) + ",8192";
    Path csv = write("long.csv",
        "Timestamp,VM,Active (KB),Consumed (KB)",         // 1
        "2024-01-01T00:00:20Z,web-1,1024,8192",           // 2
        overlong,                                         // 3
        "2024-01-01T00:01:00Z,web-1,2048,8192",           // 4
        "2024-01-01T00:01:20Z,web-1,4096,8192");          // 5
    DemandSummary summary = run(csv, VCENTER_MAP, null);

    List<Reject> rejects = Imports.rejects(dir.resolve("trace"));
    assertEquals(List.of(String.format("3: the line is %,d bytes long; a record's line may be at most 2,000,000 bytes",
        overlong.length())), rejects.stream().map(r -> r.getPosition() + ": " + r.getReason()).toList());
    assertEquals(overlong.substring(0, 200), rejects.get(0).getRecord(), "the start of the line, as for any reject");
    assertEquals(1, summary.rejected());
    assertEquals(List.of(TraceFixtures.demand(T0 + 20 * S, 0, 40 * S, 256L, 2048L),
        TraceFixtures.demand(T0 + 60 * S, 0, 40 * S, 512L, 2048L),
        TraceFixtures.demand(T0 + 80 * S, 0, 20 * S, 1024L, 2048L)), TraceRecords.read(dir.resolve("trace"), RecordKind.DEMAND));
  }

  @Test
  void aFileDuckDbCannotReadIsRefusedInOneShortLineNotItsWholeReport() throws Exception {
    byte[] noise = new byte[3000];
    new Random(7).nextBytes(noise);
    noise[0] = 'x';
    Path csv = Files.write(dir.resolve("x.csv"), noise);
    ImportException e = assertThrows(ImportException.class, () -> run(csv, "ts=Timestamp,vm=VM,active_kb=Active (KB)",
        null));
    assertTrue(e.getMessage().startsWith(csv + ": DuckDB cannot read it as CSV: "), e.getMessage());
    assertTrue(e.getMessage().length() < 600 && !e.getMessage().contains("\n"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("trace/manifest.json")));
  }

  @Test
  void aFileOfAHeaderAloneIsRefusedSayingSo() throws Exception {
    Path csv = write("x.csv", "Timestamp,VM,Active (KB)");
    ImportException e = assertThrows(ImportException.class, () -> run(csv, "ts=Timestamp,vm=VM,active_kb=Active (KB)",
        null));
    assertEquals(csv + ": no records in it, only a header", e.getMessage());
    assertFalse(Files.exists(dir.resolve("trace/manifest.json")));
  }

  @Test
  void aPercentageWithoutAConfiguredSizeIsRefusedBeforeReading() throws Exception {
    Path csv = write("x.csv", "t,v,a", "1,x,5");
    ImportException e = assertThrows(ImportException.class, () -> run(csv, "ts_s=t,vm=v,active_pct=a", null));
    assertTrue(e.getMessage().contains("a percentage needs the VM's configured memory"), e.getMessage());
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private DemandSummary run(Path csv, String map, Path out) throws IOException, ImportException {
    return DemandCsvImporter.run(new DemandCsvOptions(csv, map, "esx-test", 0, null, null),
        out == null ? dir.resolve("trace") : out, TraceDatasetWriter.Settings.DEFAULT, rows -> {});
  }
}
