package io.memreplay.ingest.imports.damon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.Imports;
import io.memreplay.ingest.imports.damon.DamonRecords.Region;
import io.memreplay.ingest.imports.damon.DamonRecords.Snapshot;
import io.memreplay.ingest.imports.damon.DamonRecords.Target;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamonImporterTest {

  static final long MS = 1_000_000L;
  /** Aligned to the 100 ms windows. */
  static final long T0 = 539_800_000_000L;
  static final long HEAP = 0x5600_0000_0000L;
  static final long STACK = 0x7ffd_0000_0000L;
  static final long KB = 1024;

  @TempDir
  Path dir;

  /**
   * Three 100 ms snapshots of one process: the first found 16 KB of heap accessed 3 times and 8 KB of stack 20
   * times (16 KB of heap not at all); the second 32 KB of heap once; the third nothing.
   */
  static List<Target> process(String id) {
    return List.of(new Target(id, List.of(
        new Snapshot(T0, T0 + 100 * MS, List.of(new Region(HEAP, HEAP + 16 * KB, 0),
            new Region(HEAP + 16 * KB, HEAP + 32 * KB, 3), new Region(STACK, STACK + 8 * KB, 20))),
        new Snapshot(T0 + 100 * MS, T0 + 200 * MS, List.of(new Region(HEAP, HEAP + 32 * KB, 1),
            new Region(STACK, STACK + 8 * KB, 0))),
        new Snapshot(T0 + 200 * MS, T0 + 300 * MS, List.of(new Region(HEAP, STACK + 8 * KB, 0))))));
  }

  private DamonSummary run(DamonOptions options) throws IOException, ImportException {
    return DamonImporter.run(options, dir.resolve("trace"), TraceDatasetWriter.Settings.DEFAULT, accesses -> {});
  }

  private DamonSummary run(Path... files) throws IOException, ImportException {
    return run(new DamonOptions(List.of(files), false, "linux-1", null, 1, 0));
  }

  @Test
  void everyPageOfTheAccessedRegionsIsReadOncePerWindowLeastAccessedFirst() throws Exception {
    Path file = Files.write(dir.resolve("damon.data"), DamonRecords.zlib(DamonRecords.json(process("42"))));
    DamonSummary summary = run(file);

    assertEquals(100 * MS, summary.windowNs());
    DamonSummary.TargetSummary target = summary.targets().get(0);
    assertEquals("json_compressed", target.format());
    assertEquals(3, target.snapshots());
    assertEquals(3, target.accessedRegions(), "regions never found accessed are not kept");
    assertEquals(6 + 8, target.accesses());
    assertEquals(2, target.windows());
    assertEquals(8, target.peakWindowPages());
    assertEquals(8 + 2, target.footprintPages());

    List<MemoryAccess> accesses = Imports.accesses(dir.resolve("trace"));
    List<Long> pages = accesses.stream().map(a -> (a.getGva() - HEAP) / 4096).toList();
    // window 1: the heap (3 samples) before the stack (20 samples); window 2: the heap in address order
    long stackPage = (STACK - HEAP) / 4096;
    assertEquals(List.of(4L, 5L, 6L, 7L, stackPage, stackPage + 1, 0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), pages);
    // spread evenly over each window: 6 reads in the first 100 ms, 8 in the next
    assertEquals(T0, accesses.get(0).getTsNs());
    assertEquals(T0 + 5 * 100 * MS / 6, accesses.get(5).getTsNs());
    assertEquals(T0 + 100 * MS + 7 * 100 * MS / 8, accesses.get(13).getTsNs());
    assertTrue(accesses.stream().allMatch(a -> a.getVm() == 0 && a.getAsid() == 0 && a.getGpa() == -1));
    assertEquals(64, summary.scenario().vm(0).memoryMb());
  }

  @Test
  void theJsonAndPerfScriptFormsOfOneRecordingGiveTheSameTrace() throws Exception {
    Path zlib = Files.write(dir.resolve("damon.data"), DamonRecords.zlib(DamonRecords.json(process("42"))));
    Path json = Files.writeString(dir.resolve("damon.json"), DamonRecords.json(process("42")));
    Path perf = Files.writeString(dir.resolve("damon.perf"), "# perf script header\n"
        + DamonRecords.perfScript(process("42")) + "  kdamond.0 4452 [000] 1.0: damon:damos_before_apply: x\n");
    List<String> digests = new ArrayList<>();
    for (Path file : List.of(zlib, json, perf)) {
      DamonSummary summary = DamonImporter.run(new DamonOptions(List.of(file), false, "linux-1", null, 1, 0),
          dir.resolve("trace"), TraceDatasetWriter.Settings.DEFAULT.replacing(), accesses -> {});
      digests.add(TraceDataset.open(dir.resolve("trace")).manifest().digest());
      if (file == perf) {
        assertEquals("perf_script", summary.targets().get(0).format());
        assertEquals(2, summary.skippedLines());
      }
    }
    assertEquals(List.of(digests.get(0), digests.get(0), digests.get(0)), digests);
  }

  @Test
  void targetsAreVmsOrAddressSpacesAndOverlappingRegionsOfAWindowAreReadOnce() throws Exception {
    List<Target> two = new ArrayList<>(process("42"));
    two.addAll(process("43"));
    Path file = Files.writeString(dir.resolve("two.json"), DamonRecords.json(two));
    DamonSummary vms = run(new DamonOptions(List.of(file), false, "linux-1", 300 * MS, 1, 0));
    assertEquals(List.of("two.json target 42", "two.json target 43"),
        TraceDataset.open(dir.resolve("trace")).manifest().vms().stream().map(vm -> vm.name()).toList());
    // one 300 ms window: the heap's 8 pages (its first 16 KB accessed in the second snapshot only) and the stack's 2
    assertEquals(List.of(10L, 10L), vms.targets().stream().map(DamonSummary.TargetSummary::accesses).toList());
    assertEquals(1, vms.targets().get(0).windows());

    DamonImporter.run(new DamonOptions(List.of(file), true, "linux-1", null, 1, 0), dir.resolve("spaces"),
        TraceDatasetWriter.Settings.DEFAULT, accesses -> {});
    List<MemoryAccess> accesses = Imports.accesses(dir.resolve("spaces"));
    assertTrue(accesses.stream().allMatch(a -> a.getVm() == 0));
    assertEquals(List.of(0, 1), accesses.stream().map(MemoryAccess::getAsid).distinct().sorted().toList());
  }

  @Test
  void regionsBelowTheMinimumCountAsNotAccessed() throws Exception {
    Path file = Files.writeString(dir.resolve("damon.json"), DamonRecords.json(process("42")));
    DamonSummary summary = run(new DamonOptions(List.of(file), false, "linux-1", null, 5, 0));
    assertEquals(2, summary.targets().get(0).accesses(), "only the stack, 20 samples, is accessed 5 times or more");
  }

  @Test
  void unusableSnapshotsAndRegionsAreRejectedWithTheirLineAndTheRestImports() throws Exception {
    String json = DamonRecords.json(process("42"))
        .replaceFirst("\"end\": \"94,", "\"end\": \"9x4,")
        .replace("\"end_time\": \"" + (T0 + 300 * MS) + "\"", "\"end_time\": \"" + (T0 - MS) + "\"");
    String[] lines = json.split("\n");
    Path file = Files.writeString(dir.resolve("damon.json"), json);
    DamonSummary summary = run(file);
    List<Reject> rejects = Imports.rejects(dir.resolve("trace"));
    assertEquals(2, summary.rejected());
    Reject region = rejects.get(0);
    assertEquals("region", region.getKind());
    assertTrue(region.getReason().startsWith("the region's '9x4,"), region.getReason());
    assertTrue(lines[(int) region.getPosition() - 1].contains("{"), "the line of the region's opening brace");
    Reject snapshot = rejects.get(1);
    assertEquals("snapshot", snapshot.getKind());
    assertEquals("the snapshot ends before it starts", snapshot.getReason());
    assertEquals(file.toString(), snapshot.getSource());
    assertEquals(2, summary.targets().get(0).snapshots());
  }

  @Test
  void filesMemreplayCannotUseAreRefusedNamingThemAndWhy() throws Exception {
    byte[] zlib = DamonRecords.zlib(DamonRecords.json(process("42")));
    Path cut = Files.write(dir.resolve("cut.data"), Arrays.copyOf(zlib, zlib.length / 2));
    assertMessage(cut + ": the zlib (damo's json_compressed) data is corrupt or cut short", cut);
    String json = DamonRecords.json(process("42"));
    Path cutJson = Files.writeString(dir.resolve("cut.json"), json.substring(0, json.length() / 2));
    assertMessage(cutJson + " line ", cutJson);
    assertTrue(message(cutJson).contains(": the JSON ends too early: the file is cut short"), message(cutJson));
    Path trailing = Files.writeString(dir.resolve("trailing.json"), json + "\ngarbage {{{\n");
    assertMessage(trailing + " line ", trailing);
    assertTrue(message(trailing).contains(": not valid JSON"), message(trailing));
    Path twoArrays = Files.writeString(dir.resolve("two.json"), json + "\n[]\n");
    assertTrue(message(twoArrays).contains(": the records' array must end the file, found '['"), message(twoArrays));
    Path perfData = Files.write(dir.resolve("perf.data"), "PERFILE2\u0000\u0000\u0000\u0000h\u0000".getBytes());
    assertMessage(perfData + ": perf's binary perf.data, which needs perf to read: turn it into text with 'perf"
        + " script -i", perfData);
    Path object = Files.writeString(dir.resolve("object.json"), "{\"snapshots\": []}");
    assertMessage(object + " line 1: a damo record file is a JSON array of records, found '{'", object);
    Path lackey = Files.writeString(dir.resolve("ls.lackey"), "I  0023C790,2\n L BE801950,4\n");
    assertMessage(lackey + ": no DAMON snapshot in it (read as damo's perf_script form)", lackey);
    Path idle = Files.writeString(dir.resolve("idle.json"), DamonRecords.json(List.of(new Target("1", List.of(
        new Snapshot(T0, T0 + 100 * MS, List.of(new Region(HEAP, HEAP + 4096, 0))))))));
    assertMessage("DAMON found no region accessed 1 time(s) or more in any snapshot", idle);
    assertTrue(!Files.exists(dir.resolve("trace").resolve("manifest.json")));
  }

  private void assertMessage(String expected, Path file) {
    String message = message(file);
    assertTrue(message.contains(expected), message);
  }

  private String message(Path file) {
    return assertThrows(ImportException.class, () -> run(file)).getMessage();
  }
}
