package io.memreplay.ingest.imports;

import static io.memreplay.ingest.imports.Imports.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.trace.TraceManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceImporterTest {

  @TempDir
  Path dir;

  @Test
  void filesTakeTurnsInChunksOfLinesOnOneNominalClock() throws Exception {
    int chunk = TraceImporter.CHUNK_LINES;
    Path first = loads("first.lackey", 0x10_000_000L, chunk + chunk / 2);
    Path second = loads("second.lackey", 0x20_000_000L, chunk / 2);
    Path out = dir.resolve("trace");
    Imports.run(out, new ImportOptions(TraceFormat.LACKEY, List.of(first, second), false, 10, "esx-test",
        ImportOptions.GUEST_MB_FROM_FOOTPRINT));

    List<MemoryAccess> expected = new ArrayList<>();
    addLoads(expected, 0, 0x10_000_000L, 0, chunk);
    addLoads(expected, 1, 0x20_000_000L, 0, chunk / 2);
    addLoads(expected, 0, 0x10_000_000L, chunk, chunk / 2);
    for (int i = 0; i < expected.size(); i++) {
      expected.get(i).setTsNs(10L * i);
    }
    assertEquals(expected, Imports.accesses(out));
    assertEquals(List.of(new TraceManifest.Vm(0, "first.lackey"), new TraceManifest.Vm(1, "second.lackey")),
        TraceManifest.parse(Files.readString(out.resolve(TraceManifest.FILE_NAME)), "manifest").vms());
  }

  @Test
  void theSameFilesGiveTheSameTrace() throws Exception {
    Path first = loads("a.lackey", 0x1000, 2500);
    Path second = loads("b.lackey", 0x9000, 1700);
    TraceManifest once = Imports.run(dir.resolve("once"), TraceFormat.LACKEY, first, second).manifest();
    TraceManifest again = Imports.run(dir.resolve("again"), TraceFormat.LACKEY, first, second).manifest();
    assertEquals(once.digest(), again.digest());
  }

  @Test
  void asProcessesTheFilesAreAddressSpacesOfOneVm() throws Exception {
    Path first = Imports.write(dir, "a.lackey", " L 00001000,4");
    Path second = Imports.write(dir, "b.lackey", " S 00001000,4");
    Path out = dir.resolve("two-processes");
    ImportSummary summary = Imports.run(out, new ImportOptions(TraceFormat.LACKEY, List.of(first, second), true, 1,
        "esx-test", ImportOptions.GUEST_MB_FROM_FOOTPRINT));

    assertEquals(List.of(access(0, 0, 0, AccessOp.READ, 0x1000, 4), access(1, 0, 1, AccessOp.WRITE, 0x1000, 4)),
        Imports.accesses(out));
    assertEquals(List.of(new TraceManifest.Vm(0, "two-processes")), summary.manifest().vms());
    assertEquals(1, summary.scenario().vms().size());
  }

  @Test
  void theScenarioSizesEachVmToThePowerOfTwoAboveItsFootprintUnlessGuestMemoryIsGiven() throws Exception {
    Path large = loads("large.lackey", 0, 4096, 20_000);
    Path small = loads("small.lackey", 0x5000, 1);
    Path out = dir.resolve("trace");
    ImportSummary summary = Imports.run(out, TraceFormat.LACKEY, large, small);

    Scenario scenario = ConfigYaml.scenario(Files.readString(out.resolve(TraceImporter.SCENARIO_FILE)), "scenario");
    assertEquals(summary.scenario(), scenario);
    assertEquals(List.of(128L, 64L), scenario.vms().stream().map(VmSpec::memoryMb).toList(),
        "20,000 pages are 78.1 MB; 1 page is below the minimum");
    assertEquals(192, scenario.host().memoryMb());
    assertEquals("esx-test", scenario.host().name());
    assertEquals(List.of("large.lackey", "small.lackey"), scenario.vms().stream().map(VmSpec::name).toList());

    Scenario given = Imports.run(dir.resolve("given"), new ImportOptions(TraceFormat.LACKEY, List.of(large, small),
        false, 1, "esx-test", 256)).scenario();
    assertEquals(List.of(256L, 256L), given.vms().stream().map(VmSpec::memoryMb).toList());
    assertEquals(512, given.host().memoryMb());
  }

  @Test
  void guestMemoryIsThePowerOfTwoMbThatHoldsThePagesAndAtLeast64Mb() {
    assertEquals(64, ImportScenario.guestMbFor(0));
    assertEquals(64, ImportScenario.guestMbFor(16_384));
    assertEquals(128, ImportScenario.guestMbFor(16_385));
    assertEquals(1024, ImportScenario.guestMbFor(262_144));
    assertEquals(2048, ImportScenario.guestMbFor(262_145));
  }

  @Test
  void aFileWithoutAccessesIsRefusedAndLeavesNoTrace() throws Exception {
    Path good = loads("good.lackey", 0x1000, 10);
    Path log = Imports.write(dir, "log.txt", "==1== Lackey, an example Valgrind tool", "Segmentation fault");
    Path out = dir.resolve("trace");
    ImportException refused = assertThrows(ImportException.class,
        () -> Imports.run(out, TraceFormat.LACKEY, good, log));
    assertEquals(log + ": no accesses in it (lines: 2, skipped: 1, malformed: 1); is it a lackey trace?",
        refused.getMessage());
    assertFalse(Files.exists(out.resolve(TraceManifest.FILE_NAME)));
  }

  @Test
  void aMissingFileIsNamedBeforeAnythingIsWritten() throws Exception {
    Path out = dir.resolve("trace");
    ImportException refused = assertThrows(ImportException.class,
        () -> Imports.run(out, TraceFormat.PIN, loads("good.lackey", 0, 1), dir.resolve("nope.out")));
    assertEquals(dir.resolve("nope.out") + ": no such file", refused.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void anOccupiedOutputFolderIsRefusedUnlessReplacing() throws Exception {
    Path out = dir.resolve("trace");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    ImportException refused = assertThrows(ImportException.class,
        () -> Imports.run(out, TraceFormat.LACKEY, loads("good.lackey", 0, 1)));
    assertEquals(out + " already exists and is not empty; remove it or choose another folder", refused.getMessage());
  }

  /** A lackey file of {@code count} 1-byte loads at {@code base}, {@code base + 1}, ... */
  private Path loads(String name, long base, int count) throws Exception {
    return loads(name, base, 1, count);
  }

  /** A lackey file of {@code count} 1-byte loads {@code stride} bytes apart from {@code base}. */
  private Path loads(String name, long base, int stride, int count) throws Exception {
    String[] lines = new String[count];
    for (int i = 0; i < count; i++) {
      lines[i] = String.format(" L %08x,1", base + (long) i * stride);
    }
    return Imports.write(dir, name, lines);
  }

  private static void addLoads(List<MemoryAccess> accesses, int vm, long base, int from, int count) {
    for (int i = from; i < from + count; i++) {
      accesses.add(access(0, vm, 0, AccessOp.READ, base + i, 1));
    }
  }
}
