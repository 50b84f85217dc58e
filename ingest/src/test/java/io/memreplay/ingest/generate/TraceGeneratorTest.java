package io.memreplay.ingest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceGeneratorTest {

  private static final GeneratorSpec SMALL = GeneratorSpec.defaults().withVms(3).withAccesses(150_000).withGuestMb(32);

  @TempDir
  Path temp;

  @Test
  void theSameSpecGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
    TraceManifest first = TraceGenerator.generate(SMALL, temp.resolve("a"), written -> {});
    TraceManifest again = TraceGenerator.generate(SMALL, temp.resolve("b"), written -> {});
    TraceManifest otherSeed = TraceGenerator.generate(SMALL.withSeed(2), temp.resolve("c"), written -> {});
    assertEquals(first.digest(), again.digest());
    assertEquals(Files.readString(temp.resolve("a/scenario.yaml")), Files.readString(temp.resolve("b/scenario.yaml")));
    assertNotEquals(first.digest(), otherSeed.digest());
  }

  @Test
  void theTraceOpensWithItsDigestAndHoldsEveryPageAndExactlyTheAccessesAsked() throws IOException {
    TraceManifest manifest = TraceGenerator.generate(SMALL, temp, written -> {});
    TraceDataset dataset = TraceDataset.open(temp);
    assertEquals(manifest, dataset.manifest());
    assertEquals(manifest.digest(), dataset.computeDigest());
    assertEquals(SMALL.accesses(), manifest.events(RecordKind.ACCESSES));
    assertEquals(SMALL.vms() * SMALL.guestPages(), manifest.events(RecordKind.CONTENTS));
    assertEquals(0, manifest.events(RecordKind.PAGETABLE));
    assertEquals(0, manifest.events(RecordKind.DEMAND));
    assertEquals("synthetic-3vm-seed1", manifest.traceId());
    assertEquals("esx-01", manifest.host());
    assertEquals(List.of(new TraceManifest.Vm(0, "linux-0"), new TraceManifest.Vm(1, "windows-1"),
        new TraceManifest.Vm(2, "linux-2")), manifest.vms());
    assertEquals(0, manifest.startNs());
    assertTrue(manifest.endNs() <= SMALL.durationNs() && manifest.endNs() > SMALL.durationNs() * 9 / 10,
        "accesses reach towards the end of the trace: " + manifest.endNs());
  }

  @Test
  void aHostOfLargerGuestsHasThreeQuartersOfTheirMemory() throws Exception {
    TraceGenerator.generate(SMALL.withVms(4).withGuestMb(1024), temp, written -> {});
    Path file = temp.resolve(TraceGenerator.SCENARIO_FILE);
    assertEquals(4 * 1024 * 3 / 4, ConfigYaml.scenario(Files.readString(file), file.toString()).host().memoryMb());
  }

  @Test
  void scenarioYamlParsesBackAndDescribesTheTracesVmsOnAnOvercommittedHost() throws Exception {
    TraceManifest manifest = TraceGenerator.generate(SMALL.withVms(4), temp, written -> {});
    Path file = temp.resolve(TraceGenerator.SCENARIO_FILE);
    Scenario scenario = ConfigYaml.scenario(Files.readString(file), file.toString());
    assertEquals(manifest.traceId(), scenario.name());
    assertEquals("esx-01", scenario.host().name());
    // 75 % of the VMs' 128 MB would not admit them: 4 x 22.47 MB of overhead, and a quarter of 128 MB
    assertEquals(122, scenario.host().memoryMb(), "the VMs' overhead and 25 % of their configured memory");
    assertEquals(manifest.vms().size(), scenario.vms().size());
    for (TraceManifest.Vm traceVm : manifest.vms()) {
      VmSpec vm = scenario.vm(traceVm.id());
      assertEquals(traceVm.name(), vm.name());
      assertEquals(32, vm.memoryMb());
      assertEquals(2, vm.vcpus());
      assertEquals(Shares.NORMAL, vm.shares());
      if (vm.id() % 2 == 0) {
        assertTrue(vm.name().startsWith("linux-"));
        assertEquals("tenant-a", vm.salt());
      } else {
        assertTrue(vm.name().startsWith("windows-"));
        assertNull(vm.salt());
      }
    }
  }

  @Test
  void progressCountsAccessesWrittenBlockByBlockUpToTheTotal() throws IOException {
    List<Long> reports = new ArrayList<>();
    TraceGenerator.generate(SMALL, temp.resolve("a"), reports::add);
    assertEquals(List.of(65_536L, 131_072L, 150_000L), reports);
    reports.clear();
    TraceGenerator.generate(SMALL.withAccesses(131_072), temp.resolve("b"), reports::add);
    assertEquals(List.of(65_536L, 131_072L), reports, "a last full block is reported once");
  }

  @Test
  void aFolderWithOtherFilesIsNotOverwritten() throws IOException {
    Files.writeString(temp.resolve("notes.txt"), "mine");
    IOException e = assertThrows(IOException.class, () -> TraceGenerator.generate(SMALL, temp, written -> {}));
    assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    assertEquals("mine", Files.readString(temp.resolve("notes.txt")));
  }
}
