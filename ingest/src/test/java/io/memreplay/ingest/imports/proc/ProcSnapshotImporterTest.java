package io.memreplay.ingest.imports.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.ingest.TraceRecords;
import io.memreplay.ingest.imports.ImportException;
import io.memreplay.ingest.imports.Imports;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceDatasetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of python3 children the test starts, whose memory holds known contents: the rows say which pages
 * are zero, which are copies of each other, and how well each compresses.
 */
class ProcSnapshotImporterTest {

  private static final int ZEROS = 40;
  private static final int COPIES = 30;
  private static final int RANDOM = 20;
  private static final int UNTOUCHED = 200;

  @TempDir
  Path dir;

  @BeforeAll
  static void requirePython() {
    Assumptions.assumeTrue(KnownContentProcess.pythonAvailable(), "python3 is not on the PATH: no child to snapshot");
  }

  @Test
  void everyKnownPageIsRecordedInAddressOrderWithItsHashZeroFlagAndCompressedSize() throws Exception {
    try (KnownContentProcess child = start(1)) {
      SnapshotSummary summary = snapshot(dir.resolve("trace"), true, child.pid());
      List<PageContent> rows = TraceRecords.read(dir.resolve("trace"), RecordKind.CONTENTS);

      long[] expected = expectedHashes(child);
      int at = indexOf(rows, expected);
      assertTrue(at >= 0, "the child's pages are not in the snapshot, in order");
      for (int i = 0; i < expected.length; i++) {
        PageContent row = rows.get(at + i);
        assertEquals(at + i, row.getGpn(), "gpn numbers the recorded pages densely from 0");
        assertEquals(i < ZEROS, row.getZero());
        int compressed = row.getCompressedBytes();
        if (i < ZEROS) {
          assertTrue(compressed <= 64, "a zero page compresses to almost nothing, was " + compressed);
        } else if (i < ZEROS + COPIES) {
          assertTrue(compressed <= ProcSnapshotImporter.QUARTER_PAGE, "text compresses to a quarter page, was " + compressed);
        } else {
          assertEquals(4096, compressed, "random bytes do not compress");
        }
      }
      assertEquals(COPIES, rows.stream().filter(r -> r.getHash() == expected[ZEROS]).count(),
          "the copied page is recorded once per copy, and exists nowhere else");
      for (int r = 0; r < RANDOM; r++) {
        long hash = expected[ZEROS + COPIES + r];
        assertEquals(1, rows.stream().filter(row -> row.getHash() == hash).count());
      }

      SnapshotSummary.ProcessSummary process = summary.processes().get(0);
      assertTrue(process.fromPagemap());
      assertEquals(rows.size(), process.pages());
      assertEquals(rows.stream().filter(PageContent::getZero).count(), process.zeroPages());
      assertEquals(rows.stream().filter(r -> r.getCompressedBytes() <= 2048).count(), process.halfPageCompressible());
      assertEquals("python3-" + child.pid(), summary.scenario().vm(0).name());
      assertEquals(rows.size(), TraceDataset.open(dir.resolve("trace")).manifest().totalEvents());
    }
  }

  @Test
  void untouchedPagesAreNotResidentUnlessThePagemapIsIgnored() throws Exception {
    try (KnownContentProcess child = start(2)) {
      SnapshotSummary resident = snapshot(dir.resolve("resident"), true, child.pid());
      SnapshotSummary everyMapped = snapshot(dir.resolve("mapped"), false, child.pid());
      assertFalse(everyMapped.processes().get(0).fromPagemap());
      long residentZeros = resident.processes().get(0).zeroPages();
      long mappedZeros = everyMapped.processes().get(0).zeroPages();
      assertTrue(mappedZeros >= residentZeros + UNTOUCHED,
          "reading every mapped page adds the untouched ones as zero pages: " + residentZeros + " -> " + mappedZeros);
      List<PageContent> rows = TraceRecords.read(dir.resolve("resident"), RecordKind.CONTENTS);
      int at = indexOf(rows, expectedHashes(child));
      long[] after = rows.subList(at + ZEROS + COPIES + RANDOM, Math.min(rows.size(), at + ZEROS + COPIES + RANDOM
          + UNTOUCHED)).stream().mapToLong(PageContent::getHash).toArray();
      assertFalse(after.length == UNTOUCHED && java.util.Arrays.stream(after).allMatch(h -> h == 0),
          "the untouched pages are not recorded with the pagemap");
    }
  }

  @Test
  void twoProcessesAreTwoVmsThatHoldTheSameContents() throws Exception {
    try (KnownContentProcess first = start(3); KnownContentProcess second = start(3)) {
      SnapshotSummary summary = snapshot(dir.resolve("trace"), true, first.pid(), second.pid());
      List<PageContent> rows = TraceRecords.read(dir.resolve("trace"), RecordKind.CONTENTS);
      long copied = expectedHashes(first)[ZEROS];
      assertEquals(COPIES, rows.stream().filter(r -> r.getVm() == 0 && r.getHash() == copied).count());
      assertEquals(COPIES, rows.stream().filter(r -> r.getVm() == 1 && r.getHash() == copied).count());
      assertEquals(2, summary.scenario().vms().size());
      assertEquals(summary.scenario().vm(0).memoryMb() + summary.scenario().vm(1).memoryMb(),
          summary.scenario().host().memoryMb());
      assertTrue(rows.stream().allMatch(r -> r.getTsNs() == 0), "one snapshot, at trace time 0");
    }
  }

  @Test
  void unreadablePagesGoToTheRejectsNamingTheMappingLine() throws Exception {
    try (KnownContentProcess child = start(4)) {
      // the pagemap says [vvar] is not resident; read as mapped, the kernel refuses it with an I/O error
      SnapshotSummary summary = snapshot(dir.resolve("trace"), false, child.pid());
      List<String> maps = Files.readAllLines(Path.of("/proc", Integer.toString(child.pid()), "maps"));
      boolean hasVvar = maps.stream().anyMatch(line -> line.endsWith("[vvar]"));
      Assumptions.assumeTrue(hasVvar, "this kernel maps no [vvar], the usual unreadable mapping");
      List<Reject> rejects = Imports.rejects(dir.resolve("trace"));
      Reject vvar = rejects.stream().filter(r -> r.getRecord().endsWith("[vvar]")).findFirst().orElseThrow(
          () -> new AssertionError("no reject for [vvar]: " + rejects));
      assertEquals("/proc/" + child.pid() + "/maps", vvar.getSource());
      assertTrue(maps.get((int) vvar.getPosition() - 1).endsWith("[vvar]"), "position is the maps line, from 1");
      assertTrue(vvar.getReason().matches("[0-9]+ pages? from 0x[0-9a-f]+ not read: /proc/" + child.pid()
          + "/mem refuses it: .+"), vvar.getReason());
      assertEquals(rejects.size(), TraceDataset.open(dir.resolve("trace")).manifest().importRejects().count());
      assertTrue(summary.unreadablePages() >= (maps.stream().filter(line -> line.endsWith("[vvar]")).count()),
          "every unreadable page is counted: " + summary.unreadablePages());
    }
  }

  @Test
  void theSameProcessStateGivesTheSameRows() throws Exception {
    try (KnownContentProcess child = start(5)) {
      snapshot(dir.resolve("a"), true, child.pid());
      snapshot(dir.resolve("b"), true, child.pid());
      List<PageContent> a = TraceRecords.read(dir.resolve("a"), RecordKind.CONTENTS);
      List<PageContent> b = TraceRecords.read(dir.resolve("b"), RecordKind.CONTENTS);
      int at = indexOf(a, expectedHashes(child));
      assertEquals(at, indexOf(b, expectedHashes(child)));
      assertEquals(a.subList(at, at + ZEROS + COPIES + RANDOM), b.subList(at, at + ZEROS + COPIES + RANDOM));
    }
  }

  @Test
  void aProcessThatDoesNotExistIsRefusedAndLeavesNoTrace() {
    ImportException e = assertThrows(ImportException.class, () -> snapshot(dir.resolve("t"), true, Integer.MAX_VALUE));
    assertEquals("/proc/" + Integer.MAX_VALUE + ": no such process " + Integer.MAX_VALUE, e.getMessage());
    assertFalse(Files.exists(dir.resolve("t").resolve("manifest.json")));
  }

  @Test
  void aKernelThreadHasNoUserMemoryAndIsRefused() {
    // kthreadd is pid 2 on Linux; in a container pid 2 may be an ordinary process or none
    Path comm = Path.of("/proc/2/comm");
    Assumptions.assumeTrue(Files.isReadable(comm) && read(comm).equals("kthreadd"), "no kthreadd at pid 2 here");
    ImportException e = assertThrows(ImportException.class, () -> snapshot(dir.resolve("t"), true, 2));
    assertTrue(e.getMessage().contains("has no user memory"), e.getMessage());
  }

  @Test
  void optionsRefuseRepeatedAndNonPositiveProcessIds() {
    assertThrows(IllegalArgumentException.class, () -> new SnapshotOptions(List.of(7, 7), "h", 0, null, true));
    assertThrows(IllegalArgumentException.class, () -> new SnapshotOptions(List.of(0), "h", 0, null, true));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private KnownContentProcess start(long seed) throws IOException {
    KnownContentProcess child = KnownContentProcess.start(dir, ZEROS, COPIES, RANDOM, UNTOUCHED, seed);
    try {
      ProcessSnapshot.open(child.pid(), 0, true).close();
    } catch (ImportException e) {
      try {
        child.close();
      } catch (Exception ignored) {
        // the assumption below is what matters
      }
      Assumptions.assumeTrue(false, "cannot read the memory of a child process here: " + e.getMessage());
    }
    return child;
  }

  private static SnapshotSummary snapshot(Path out, boolean usePagemap, int... pids)
      throws IOException, ImportException {
    List<Integer> list = new ArrayList<>();
    for (int pid : pids) {
      list.add(pid);
    }
    return ProcSnapshotImporter.run(new SnapshotOptions(list, "esx-test", 0, null, usePagemap), out,
        TraceDatasetWriter.Settings.DEFAULT, pages -> {});
  }

  /** The hashes of the child's zero, copied and random pages, in address order. */
  private static long[] expectedHashes(KnownContentProcess child) {
    long[] hashes = new long[ZEROS + COPIES + RANDOM];
    long copied = PageDigest.hash(child.copiedPage, 0, false);
    for (int i = ZEROS; i < ZEROS + COPIES; i++) {
      hashes[i] = copied;
    }
    for (int r = 0; r < RANDOM; r++) {
      hashes[ZEROS + COPIES + r] = PageDigest.hash(child.randomPages[r], 0, false);
    }
    return hashes;
  }

  /** Where {@code hashes} stand as consecutive rows, or -1. */
  private static int indexOf(List<PageContent> rows, long[] hashes) {
    long[] all = rows.stream().mapToLong(PageContent::getHash).toArray();
    for (int start = 0; start + hashes.length <= all.length; start++) {
      if (all[start + hashes.length - 1] == hashes[hashes.length - 1]
          && java.util.Arrays.equals(all, start, start + hashes.length, hashes, 0, hashes.length)) {
        return start;
      }
    }
    return -1;
  }
}
