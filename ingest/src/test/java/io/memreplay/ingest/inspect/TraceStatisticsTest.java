package io.memreplay.ingest.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memreplay.ingest.TraceRecords;
import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.ingest.generate.TraceGenerator;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.trace.TraceFixtures;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.PageTableOp;
import io.memreplay.schemas.avro.PageTableOpKind;
import io.memreplay.schemas.parquet.AtomicFiles;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import io.memreplay.schemas.trace.TraceManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceStatisticsTest {

  private static final List<TraceManifest.Vm> HAND_VMS =
      List.of(new TraceManifest.Vm(3, "web"), new TraceManifest.Vm(8, "db"), new TraceManifest.Vm(9, "quiet"));

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void generatedTracesGiveTheBruteForceCounts(long seed) throws IOException {
    GeneratorSpec spec = GeneratorSpec.defaults().withVms(3).withAccesses(40_000).withGuestMb(16).withSeed(seed);
    TraceGenerator.generate(spec, dir, written -> {});
    TraceStatistics statistics = TraceStatistics.of(TraceDataset.open(dir));
    assertEquals(BruteForce.of(dir), statistics);
    assertEquals(spec.accesses(), statistics.events().accesses());
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6})
  void accessesWithoutPhysicalAddressesCountVirtualPagesPerAddressSpace(long seed) throws IOException {
    writeHandTrace(new SplittableRandom(seed));
    TraceStatistics statistics = TraceStatistics.of(TraceDataset.open(dir));
    assertEquals(BruteForce.of(dir), statistics);
    TraceStatistics.VmStatistics quiet = statistics.vms().get(2);
    assertEquals(new TraceStatistics.VmStatistics(9, "quiet", 0, 0, 0, 0, 0, 0), quiet,
        "a VM without accesses is listed");
  }

  @Test
  void equalPageNumbersInTwoAddressSpacesAndInPhysicalMemoryAreDifferentPages() throws IOException {
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(dir, header(), TraceDatasetWriter.Settings.DEFAULT)) {
      writer.write(access(10, 3, 1, 0x5000, -1, 8));
      writer.write(access(11, 3, 2, 0x5000, -1, 8));
      writer.write(access(12, 3, 1, 0x9999, 0x5123, 8));
      // crosses from virtual page 0x5ff into 0x600, which begins the next 2 MB page
      writer.write(access(13, 3, 1, 0x5ff_ffc, -1, 8));
      writer.finish();
    }
    TraceStatistics.VmStatistics web = TraceStatistics.of(TraceDataset.open(dir)).vms().get(0);
    assertEquals(5, web.distinctPages4k(), "page 5 of address spaces 1 and 2 and of memory, pages 0x5ff and 0x600");
    assertEquals(5, web.distinctPages2m(), "2 MB page 0 of the three spaces, 2 MB pages 2 and 3 of space 1");
  }

  @Test
  void rowsOfVmsTheManifestDoesNotListAreRejectedWithFileRowAndReason() throws IOException {
    GeneratorSpec spec = GeneratorSpec.defaults().withVms(2).withAccesses(5_000).withGuestMb(16);
    TraceManifest manifest = TraceGenerator.generate(spec, dir, written -> {});
    TraceManifest withoutVm1 = new TraceManifest(manifest.format(), manifest.formatVersion(), manifest.traceId(),
        manifest.timeUnit(), manifest.nominalTime(), manifest.host(), manifest.vms().subList(0, 1), manifest.tables(),
        manifest.startNs(), manifest.endNs(), manifest.digest(), manifest.createdBy(), manifest.importRejects());
    AtomicFiles.writeString(dir.resolve(TraceManifest.FILE_NAME), withoutVm1.toJson());

    TraceStatistics statistics = TraceStatistics.of(TraceDataset.open(dir));
    List<MemoryAccess> accesses = TraceRecords.read(dir, RecordKind.ACCESSES);
    long vm1Accesses = accesses.stream().filter(a -> a.getVm() == 1).count();
    assertEquals(spec.guestPages() + vm1Accesses, statistics.rejected());
    assertEquals(spec.guestPages(), statistics.events().contents());
    assertEquals(spec.accesses() - vm1Accesses, statistics.events().accesses());
    assertEquals(1, statistics.vms().size());
    assertEquals(5, statistics.firstRejects().size());
    TraceStatistics.RejectSample first = statistics.firstRejects().get(0);
    assertEquals("contents/part-00000.parquet", first.source());
    assertEquals(1, first.row(), "the VMs' boot snapshots interleave page by page: VM 1's first page is row 1");
    assertEquals("vm is not listed in manifest.json", first.reason());
  }

  @Test
  void jsonUsesSnakeCaseKeysInTheDocumentedShape() throws IOException {
    writeHandTrace(new SplittableRandom(1));
    TraceStatistics statistics = TraceStatistics.of(TraceDataset.open(dir));
    JsonNode json = new ObjectMapper().readTree(statistics.toJson());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("trace_id", "host", "digest", "verification", "events", "rejected", "first_rejects", "start_ns",
        "end_ns", "duration_ns", "vms"), keys);
    assertEquals("hand-written", json.get("trace_id").asText());
    assertEquals(statistics.events().pagetable(), json.get("events").get("pagetable").asLong());
    assertEquals(statistics.endNs() - statistics.startNs(), json.get("duration_ns").asLong());
    JsonNode web = json.get("vms").get(0);
    List<String> vmKeys = new ArrayList<>();
    web.fieldNames().forEachRemaining(vmKeys::add);
    assertEquals(List.of("vm", "name", "accesses", "reads", "writes", "execs", "distinct_pages_4k",
        "distinct_pages_2m"), vmKeys);
    assertEquals(statistics.vms().get(0).distinctPages4k(), web.get("distinct_pages_4k").asLong());
  }

  /**
   * A trace of every kind where a third of the accesses have no gpa, address spaces reuse virtual
   * addresses, and some accesses cross a page or a 2 MB boundary.
   */
  private void writeHandTrace(SplittableRandom random) throws IOException {
    List<SpecificRecordBase> accesses = new ArrayList<>();
    long ts = 1_000;
    for (int i = 0; i < 3_000; i++) {
      ts += random.nextInt(3);
      int vm = random.nextBoolean() ? 3 : 8;
      long gva = (random.nextInt(4) * 512L + random.nextInt(40)) << 12 | random.nextInt(4096);
      long gpa = random.nextInt(3) == 0
          ? -1
          : (random.nextInt(3) * 512L + random.nextInt(40)) << 12 | random.nextInt(4096);
      accesses.add(access(ts, vm, random.nextInt(3), gva, gpa, 1 + random.nextInt(16)));
    }
    try (TraceDatasetWriter writer = TraceDatasetWriter.create(dir, header(), TraceDatasetWriter.Settings.DEFAULT)) {
      writer.write(new PageContent(0L, 3, 7L, 99L, false, 2000));
      writer.write(new PageTableOp(500L, 8, 0, 1, PageTableOpKind.MAP, 0x5000L, 0x7000L, 4096, 3));
      writer.write(TraceFixtures.demand(2_000_000L, 9, 1_000_000L, 40L, null));
      for (SpecificRecordBase access : accesses) {
        writer.write(access);
      }
      writer.finish();
    }
  }

  private static TraceDatasetWriter.Header header() {
    return new TraceDatasetWriter.Header("hand-written", "esx-test", HAND_VMS, false, "TraceStatisticsTest");
  }

  private static MemoryAccess access(long ts, int vm, int asid, long gva, long gpa, int size) {
    AccessOp op = AccessOp.values()[(int) (ts % 3)];
    return new MemoryAccess(ts, vm, 0, asid, gva, gpa, op, size, op == AccessOp.WRITE ? 5L : null);
  }

  /** The statistics computed from Avro records with plain Java collections. */
  private static final class BruteForce {

    /** A 4 KB or 2 MB page: physical (asid -1) or virtual in an address space. */
    private record Page(int asid, long number) {}

    static TraceStatistics of(Path dir) throws IOException {
      TraceManifest manifest = TraceManifest.parse(Files.readString(dir.resolve(TraceManifest.FILE_NAME)), "test");
      List<MemoryAccess> accesses = TraceRecords.read(dir, RecordKind.ACCESSES);
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      long[] events = new long[RecordKind.values().length];
      for (RecordKind kind : RecordKind.values()) {
        List<SpecificRecordBase> records = TraceRecords.read(dir, kind);
        events[kind.ordinal()] = records.size();
        for (SpecificRecordBase record : records) {
          long ts = (Long) record.get("ts_ns");
          start = Math.min(start, ts);
          end = Math.max(end, ts);
        }
      }
      List<TraceStatistics.VmStatistics> vms = new ArrayList<>();
      for (TraceManifest.Vm vm : manifest.vms()) {
        long reads = 0;
        long writes = 0;
        long execs = 0;
        Set<Page> small = new HashSet<>();
        Set<Page> large = new HashSet<>();
        for (MemoryAccess access : accesses) {
          if (access.getVm() != vm.id()) {
            continue;
          }
          switch (access.getOp()) {
            case READ -> reads++;
            case WRITE -> writes++;
            case EXEC -> execs++;
          }
          boolean physical = access.getGpa() >= 0;
          long address = physical ? access.getGpa() : access.getGva();
          int space = physical ? -1 : access.getAsid();
          long last = (address + access.getSize() - 1) / 4096;
          for (long page = address / 4096; page <= Math.min(last, address / 4096 + 1); page++) {
            small.add(new Page(space, page));
            large.add(new Page(space, page / 512));
          }
        }
        vms.add(new TraceStatistics.VmStatistics(vm.id(), vm.name(), reads + writes + execs, reads, writes, execs,
            small.size(), large.size()));
      }
      return new TraceStatistics(manifest.traceId(), manifest.host(), manifest.digest(), "cheap",
          new TraceStatistics.EventCounts(events[RecordKind.ACCESSES.ordinal()],
              events[RecordKind.PAGETABLE.ordinal()], events[RecordKind.CONTENTS.ordinal()],
              events[RecordKind.DEMAND.ordinal()]),
          0, List.of(), manifest.importRejects(), start, end, vms);
    }
  }
}
