package io.memreplay.ingest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.primitives.LongIntHashMap;
import io.memreplay.ingest.generate.GuestLayout.Region;
import io.memreplay.ingest.generate.PhaseSchedule.Phase;
import io.memreplay.ingest.generate.PhaseSchedule.Segment;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentColumns;
import io.memreplay.schemas.trace.ContentHashes;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small generated trace shows the properties the generator's model claims, measured on its records. */
class SyntheticTraceRealismTest {

  private static final GeneratorSpec SPEC = GeneratorSpec.defaults().withAccesses(400_000).withGuestMb(64);
  private static final int PAGE_BYTES = 4096;

  @TempDir
  static Path dir;

  private static SyntheticHost host;
  private static AccessColumns accesses;
  private static ContentColumns contents;

  @BeforeAll
  static void generateAndReadBack() throws IOException {
    TraceGenerator.generate(SPEC, dir, written -> {});
    host = SyntheticHost.of(SPEC);
    accesses = new AccessColumns((int) SPEC.accesses());
    contents = new ContentColumns((int) (SPEC.vms() * SPEC.guestPages()));
    try (TraceReader reader = TraceDataset.open(dir).reader(new TraceReader.Options())) {
      TraceBatch batch = new TraceBatch();
      while (reader.next(batch)) {
        accesses.append(batch.accesses, 0, batch.accesses.size());
        contents.append(batch.contents, 0, batch.contents.size());
      }
    }
  }

  @Test
  void theBootSnapshotHasEveryPageOfEveryVmOnceInPageOrderSpreadOverTheBoot() {
    assertEquals(contents.capacity(), contents.size());
    long bootNs = (long) (SPEC.durationNs() * TraceGenerator.BOOT_SHARE);
    int row = 0;
    for (long gpn = 0; gpn < SPEC.guestPages(); gpn++) {
      for (SyntheticVm vm : host.vms()) {
        assertEquals(gpn * bootNs / SPEC.guestPages(), contents.tsNs[row]);
        assertEquals(vm.id(), contents.vm[row]);
        assertEquals(gpn, contents.gpn[row]);
        row++;
      }
    }
    assertTrue(contents.tsNs[row - 1] < bootNs, "the last page boots before the boot share of the trace ends");
  }

  @Test
  void aboutThirtyPercentOfLinuxMemoryIsZeroAtBootAndMoreOfWindowsMemory() {
    for (SyntheticVm vm : host.vms()) {
      long zero = 0;
      for (int row : snapshotRows(vm.id())) {
        zero += contents.zero[row] ? 1 : 0;
      }
      double share = zero / (double) SPEC.guestPages();
      if (vm.os() == GuestOs.LINUX) {
        assertEquals(0.30, share, 0.03, vm.name());
      } else {
        assertEquals(0.45, share, 0.03, vm.name());
      }
    }
  }

  @Test
  void theOsImageIsIdenticalAcrossVmsOfAnOsAndSharesNothingAcrossOses() {
    List<Long> linux0 = hashes(0, Region.OS_IMAGE);
    List<Long> windows1 = hashes(1, Region.OS_IMAGE);
    assertEquals(linux0, hashes(2, Region.OS_IMAGE));
    assertEquals(windows1, hashes(3, Region.OS_IMAGE));
    assertEquals(0, common(linux0, windows1));
    assertEquals(linux0.size(), new HashSet<>(linux0).size(), "an OS image page is not a zero or repeated page");
  }

  @Test
  void vmsOfAnOsShareAboutHalfTheirLibraryPagesAndVmsOfDifferentOsesNone() {
    List<Long> linux0 = hashes(0, Region.LIBRARIES);
    double shared = common(linux0, hashes(2, Region.LIBRARIES)) / (double) new HashSet<>(linux0).size();
    assertEquals(0.5, shared, 0.05);
    assertEquals(0, common(linux0, hashes(1, Region.LIBRARIES)));
  }

  @Test
  void privateDataIsTheVmsOwnWithAFewRepeatedPages() {
    for (SyntheticVm vm : host.vms()) {
      List<Long> data = hashes(vm.id(), Region.PRIVATE);
      double repeated = 1 - new HashSet<>(data).size() / (double) data.size();
      assertEquals(0.02, repeated, 0.01, vm.name() + " repeated private pages");
      List<Long> libraries = hashes(vm.id(), Region.LIBRARIES);
      double repeatedLibraries = 1 - new HashSet<>(libraries).size() / (double) libraries.size();
      assertEquals(0.05, repeatedLibraries, 0.015, vm.name() + " repeated library pages");
      for (SyntheticVm other : host.vms()) {
        if (other != vm) {
          assertEquals(0, common(data, hashes(other.id(), Region.PRIVATE)), vm.name() + " and " + other.name());
        }
      }
    }
  }

  @Test
  void compressedSizesFollowWhatThePageHolds() {
    int incompressible = 0;
    int data = 0;
    for (int row = 0; row < contents.size(); row++) {
      int bytes = contents.compressedBytes[row];
      Region region = host.vms().get(contents.vm[row]).layout().regionOf(contents.gpn[row]);
      if (contents.zero[row]) {
        assertEquals(PageContents.ZERO_PAGE_COMPRESSED_BYTES, bytes);
      } else if (region == Region.PRIVATE) {
        data++;
        incompressible += bytes == PAGE_BYTES ? 1 : 0;
        assertTrue(bytes >= PAGE_BYTES / 20 && bytes <= PAGE_BYTES, "data page of " + bytes + " bytes");
      } else {
        assertTrue(bytes >= PAGE_BYTES * 4 / 10 && bytes <= PAGE_BYTES * 7 / 10, "code page of " + bytes + " bytes");
      }
    }
    assertEquals(0.15, incompressible / (double) data, 0.02, "incompressible share of data pages");
  }

  @Test
  void accessTimesNeverDecreaseAndSpanTheTrace() {
    for (int row = 1; row < accesses.size(); row++) {
      assertTrue(accesses.tsNs[row] >= accesses.tsNs[row - 1], "row " + row);
    }
    assertTrue(accesses.tsNs[0] >= 0);
    assertTrue(accesses.tsNs[accesses.size() - 1] <= SPEC.durationNs());
  }

  @Test
  void theHottestTenthOfAVmsPagesGetsMostOfItsAccesses() {
    for (SyntheticVm vm : host.vms()) {
      LongIntHashMap perPage = new LongIntHashMap();
      long total = 0;
      for (int row = 0; row < accesses.size(); row++) {
        if (accesses.vm[row] == vm.id()) {
          perPage.addTo(accesses.gpa[row] >>> 12, 1);
          total++;
        }
      }
      List<Integer> counts = new ArrayList<>();
      perPage.forEach((page, count) -> counts.add(count));
      counts.sort((a, b) -> b - a);
      long hottest = 0;
      for (int i = 0; i < counts.size() / 10; i++) {
        hottest += counts.get(i);
      }
      double share = hottest / (double) total;
      assertTrue(share > 0.6, vm.name() + ": hottest 10% of " + counts.size() + " pages got " + share);
    }
  }

  @Test
  void idlePhasesHaveAFarLowerAccessRateThanSteadyOnes() {
    for (SyntheticVm vm : host.vms()) {
      List<Segment> segments = vm.schedule().segments();
      Map<Phase, Long> accessesIn = new EnumMap<>(Phase.class);
      Map<Phase, Long> timeIn = new EnumMap<>(Phase.class);
      for (Segment segment : segments) {
        timeIn.merge(segment.phase(), segment.endNs() - segment.startNs(), Long::sum);
      }
      int segment = 0;
      for (int row = 0; row < accesses.size(); row++) {
        if (accesses.vm[row] != vm.id()) {
          continue;
        }
        while (accesses.tsNs[row] >= segments.get(segment).endNs() && segment < segments.size() - 1) {
          segment++;
        }
        accessesIn.merge(segments.get(segment).phase(), 1L, Long::sum);
      }
      double idleRate = accessesIn.get(Phase.IDLE) / (double) timeIn.get(Phase.IDLE);
      double steadyRate = accessesIn.get(Phase.STEADY) / (double) timeIn.get(Phase.STEADY);
      assertTrue(idleRate < 0.1 * steadyRate, vm.name() + ": idle rate " + idleRate + ", steady " + steadyRate);
    }
  }

  @Test
  void fetchesAreOsImageCodeAndTheOpMixIsAsModelled() {
    long execs = 0;
    long writes = 0;
    long osImageWrites = 0;
    for (int row = 0; row < accesses.size(); row++) {
      GuestLayout layout = host.vms().get(accesses.vm[row]).layout();
      Region region = layout.regionOf(accesses.gpa[row] >>> 12);
      if (accesses.op[row] == AccessColumns.EXEC) {
        execs++;
        assertEquals(Region.OS_IMAGE, region, "fetch in row " + row);
        assertEquals(GuestAddresses.KERNEL, accesses.asid[row]);
        assertEquals(4, accesses.bytes[row]);
      } else if (accesses.op[row] == AccessColumns.WRITE) {
        writes++;
        osImageWrites += region == Region.OS_IMAGE ? 1 : 0;
      }
    }
    assertEquals(0.15, execs / (double) accesses.size(), 0.01);
    assertEquals(0.25, writes / (double) accesses.size(), 0.01);
    assertEquals(0.01, osImageWrites / (double) writes, 0.004);
  }

  @Test
  void writesCarryTheNewContentAndReadsAndFetchesNone() {
    long writes = 0;
    long zeroWrites = 0;
    Set<Long> written = new HashSet<>();
    for (int row = 0; row < accesses.size(); row++) {
      long hash = accesses.contentHash[row];
      if (accesses.op[row] != AccessColumns.WRITE) {
        assertEquals(Columns.NULL, hash, "row " + row);
        continue;
      }
      writes++;
      assertTrue(hash != Columns.NULL, "row " + row);
      if (hash == ContentHashes.ZERO) {
        zeroWrites++;
      } else {
        assertTrue(written.add(hash), "every non-zero write makes new content, row " + row);
      }
    }
    assertEquals(0.02, zeroWrites / (double) writes, 0.004);
  }

  @Test
  void accessesStayInTheirPageAndEachPageHasOneVirtualAddressInOneAddressSpace() {
    Map<String, String> virtualOfPhysical = new HashMap<>();
    Map<String, String> physicalOfVirtual = new HashMap<>();
    for (int row = 0; row < accesses.size(); row++) {
      long gpa = accesses.gpa[row];
      long gva = accesses.gva[row];
      int bytes = accesses.bytes[row];
      long offset = gpa & (PAGE_BYTES - 1);
      assertTrue(bytes == 1 || bytes == 2 || bytes == 4 || bytes == 8, "size " + bytes);
      assertEquals(0, offset % bytes, "aligned, row " + row);
      assertTrue(offset + bytes <= PAGE_BYTES, "inside the page, row " + row);
      assertEquals(offset, gva & (PAGE_BYTES - 1), "same offset in both addresses, row " + row);
      assertTrue(gpa >>> 12 < SPEC.guestPages(), "inside the guest, row " + row);
      assertTrue(gva > 0 && gva < 1L << 47, "user-space address, row " + row);
      assertTrue(accesses.vcpu[row] == 0 || accesses.vcpu[row] == 1);
      String physical = accesses.vm[row] + ":" + (gpa >>> 12);
      String virtual = accesses.vm[row] + ":" + accesses.asid[row] + ":" + (gva >>> 12);
      assertEquals(virtualOfPhysical.computeIfAbsent(physical, p -> virtual), virtual, "row " + row);
      assertEquals(physicalOfVirtual.computeIfAbsent(virtual, v -> physical), physical, "row " + row);
    }
  }

  /** Rows of VM {@code vm} in the boot snapshot. */
  private static List<Integer> snapshotRows(int vm) {
    List<Integer> rows = new ArrayList<>();
    for (int row = 0; row < contents.size(); row++) {
      if (contents.vm[row] == vm) {
        rows.add(row);
      }
    }
    return rows;
  }

  /** The boot content of VM {@code vm}'s pages in {@code region}, in page order. */
  private static List<Long> hashes(int vm, Region region) {
    GuestLayout layout = host.vms().get(vm).layout();
    List<Long> hashes = new ArrayList<>();
    for (int row : snapshotRows(vm)) {
      if (layout.regionOf(contents.gpn[row]) == region) {
        hashes.add(contents.hash[row]);
      }
    }
    return hashes;
  }

  private static long common(List<Long> first, List<Long> second) {
    Set<Long> both = new HashSet<>(first);
    both.retainAll(new HashSet<>(second));
    return both.size();
  }
}
