package io.memreplay.schemas.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.parquet.ParquetFooter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each level of verification notices, what it names, and the identity it gives the trace. */
class TraceVerificationTest {

  private static final String FIRST = "accesses/part-00000.parquet";
  private static final String SECOND = "accesses/part-00001.parquet";

  @TempDir
  Path dir;
  private TraceManifest manifest;

  @BeforeEach
  void writeTwoAccessFiles() throws Exception {
    manifest = TraceFixtures.write(dir, TraceFixtures.records(3, 2000), new TraceDatasetWriter.Settings(1000, false));
    assertEquals(2, manifest.files(RecordKind.ACCESSES).size());
  }

  private String error(Verification verification) {
    return assertThrows(TraceFormatException.class, () -> TraceDataset.open(dir, verification, bytes -> {})).getMessage();
  }

  private TraceDataset open(Verification verification) throws TraceFormatException {
    return TraceDataset.open(dir, verification, bytes -> {});
  }

  /** Changes one byte in the middle of a file: same size, same footer, other data. */
  private void flipAByteOf(String file) throws Exception {
    Path path = dir.resolve(file);
    byte[] bytes = Files.readAllBytes(path);
    bytes[bytes.length / 3] ^= 0x40;
    Files.write(path, bytes);
  }

  private void rewriteManifest(UnaryOperator<TraceManifest> change) throws Exception {
    Files.writeString(dir.resolve(TraceManifest.FILE_NAME), change.apply(manifest).toJson());
  }

  private static TraceManifest withTables(TraceManifest m, Map<String, TraceManifest.Table> tables, String digest) {
    return new TraceManifest(m.format(), m.formatVersion(), m.traceId(), m.timeUnit(), m.nominalTime(), m.host(), m.vms(),
        tables, m.startNs(), m.endNs(), digest, m.createdBy(), m.importRejects());
  }

  private static TraceManifest withAccessFiles(TraceManifest m, UnaryOperator<List<TraceManifest.FileEntry>> change) {
    Map<String, TraceManifest.Table> tables = new LinkedHashMap<>(m.tables());
    List<TraceManifest.FileEntry> files = change.apply(new ArrayList<>(m.files(RecordKind.ACCESSES)));
    tables.put("accesses", new TraceManifest.Table(files.stream().mapToLong(TraceManifest.FileEntry::events).sum(), files));
    return withTables(m, tables, m.digest());
  }

  @Test
  void aTraceAsWrittenPassesEveryLevelAndFullVerificationNamesItByItsDigest() throws Exception {
    assertEquals(manifest.digest(), open(Verification.FULL).identity());
    assertTrue(manifest.files(RecordKind.ACCESSES).stream().allMatch(file -> file.sha256().startsWith("sha256:")));
    assertTrue(open(Verification.CHEAP).identity().startsWith("footers:sha256:"));
    assertEquals("trusted:" + manifest.digest(), open(Verification.TRUSTED).identity());
    assertEquals(open(Verification.CHEAP).identity(), open(Verification.CHEAP).identity(), "the same files, the same identity");
  }

  @Test
  void theCheapIdentityDigestsTheManifestsDigestAndEachFilesSizeAndRawFooter() throws Exception {
    MessageDigest expected = TraceDigests.sha256();
    expected.update((manifest.digest() + "\n").getBytes(StandardCharsets.UTF_8));
    for (RecordKind kind : RecordKind.values()) {
      for (TraceManifest.FileEntry entry : manifest.files(kind)) {
        Path file = dir.resolve(kind.table()).resolve(entry.name());
        expected.update((kind.table() + "/" + entry.name() + "\n" + Files.size(file) + "\n").getBytes(StandardCharsets.UTF_8));
        expected.update(ParquetFooter.read(file));
      }
    }
    assertEquals("footers:" + TraceDigests.hex(expected), open(Verification.CHEAP).identity());
  }

  @Test
  void aChangedByteIsSeenByFullVerificationOnlyWhichNamesTheFile() throws Exception {
    flipAByteOf(SECOND);
    open(Verification.CHEAP);
    String message = error(Verification.FULL);
    assertTrue(message.startsWith(SECOND + ": its content is not what manifest.json recorded"), message);
  }

  @Test
  void digestedAlongsideTheReadingAChangedByteFailsTheEndOfTheRowsNamingTheFile() throws Exception {
    flipAByteOf(SECOND);
    TraceDataset dataset = TraceDataset.openDigestingAlongside(dir, Verification.FULL);
    assertEquals(manifest.digest(), dataset.identity(), "named by the digest it is to prove");
    String message = assertThrows(TraceFormatException.class, dataset::requireVerified).getMessage();
    assertTrue(message.startsWith(SECOND + ": its content is not what manifest.json recorded"), message);
    // once the digests are known to differ, the reader hears it without reaching its end
    assertThrows(TraceFormatException.class, dataset::requireNotRefuted);
  }

  @Test
  void digestedAlongsideTheReadingATraceAsWrittenIsVerifiedOnceItsDigestsMatch() throws Exception {
    TraceDataset dataset = TraceDataset.openDigestingAlongside(dir, Verification.FULL);
    dataset.requireVerified();
    dataset.requireNotRefuted();
    assertEquals(manifest.digest(), dataset.identity());
    assertEquals(open(Verification.CHEAP).identity(),
        TraceDataset.openDigestingAlongside(dir, Verification.CHEAP).identity(), "the cheaper levels as open gives them");
  }

  @Test
  void digestedAlongsideTheReadingWhatIsCheckedAtOnceStillFailsTheOpening() throws Exception {
    rewriteManifest(m -> withAccessFiles(m, files -> files.subList(0, 1)));
    String message = assertThrows(TraceFormatException.class,
        () -> TraceDataset.openDigestingAlongside(dir, Verification.FULL)).getMessage();
    assertTrue(message.contains(SECOND + " is not listed in manifest.json"), message);
  }

  @Test
  void aManifestWhoseDigestWasChangedIsRefusedEvenWhenEveryFileMatches() throws Exception {
    String zeros = "sha256:" + "0".repeat(64);
    rewriteManifest(m -> withTables(m, m.tables(), zeros));
    String message = error(Verification.FULL);
    assertTrue(message.startsWith("manifest.json: its digest " + zeros + " is not the digest of the files ("
        + manifest.digest() + "): every file matches its own digest, so the manifest's digest was changed"), message);
  }

  @Test
  void withoutPerFileDigestsFullVerificationStillRefusesButCannotNameTheFile() throws Exception {
    rewriteManifest(m -> {
      Map<String, TraceManifest.Table> tables = new LinkedHashMap<>();
      m.tables().forEach((name, table) -> tables.put(name, new TraceManifest.Table(table.events(), table.files().stream()
          .map(f -> new TraceManifest.FileEntry(f.name(), f.events(), f.bytes(), f.firstTsNs(), f.lastTsNs(), null))
          .toList())));
      return withTables(m, tables, m.digest());
    });
    assertEquals(manifest.digest(), open(Verification.FULL).identity(), "an older manifest verifies by its digest");
    flipAByteOf(FIRST);
    String message = error(Verification.FULL);
    assertTrue(message.contains("the manifest records no per-file digests (an older memreplay wrote it), so which file"
        + " differs is unknown"), message);
  }

  @Test
  void otherDataWithItsRowCountsFixedByHandGetsAnotherCheapIdentity() throws Exception {
    String before = open(Verification.CHEAP).identity();
    // the second file's rows replaced by the first's: row count and manifest fixed up, digest left alone
    Files.copy(dir.resolve(FIRST), dir.resolve(SECOND), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    TraceManifest.FileEntry first = manifest.files(RecordKind.ACCESSES).get(0);
    rewriteManifest(m -> withAccessFiles(m, files -> List.of(files.get(0), new TraceManifest.FileEntry(SECOND.substring(9),
        first.events(), first.bytes(), files.get(0).lastTsNs(), files.get(0).lastTsNs(), files.get(1).sha256()))));
    String message = error(Verification.CHEAP);
    assertTrue(message.startsWith(SECOND + ": its footer says ts_ns runs from"), message);
    assertTrue(error(Verification.FULL).startsWith(SECOND + ": its footer says"));
    rewriteManifest(m -> withAccessFiles(m, files -> List.of(files.get(0), new TraceManifest.FileEntry(SECOND.substring(9),
        first.events(), first.bytes(), first.firstTsNs(), first.lastTsNs(), files.get(1).sha256()))));
    assertTrue(error(Verification.CHEAP).contains("starts at ts_ns " + first.firstTsNs() + ", before part-00000.parquet ends"));
  }

  @Test
  void aFileListedTwiceIsRefused() throws Exception {
    rewriteManifest(m -> withAccessFiles(m, files -> List.of(files.get(0), files.get(0))));
    String message = error(Verification.TRUSTED);
    assertTrue(message.endsWith("table accesses lists part-00000.parquet twice; each file may be listed once"), message);
  }

  @Test
  void filesThatOverlapInTimeAreRefused() throws Exception {
    rewriteManifest(m -> withAccessFiles(m, files -> List.of(files.get(1), files.get(0))));
    String message = error(Verification.TRUSTED);
    assertTrue(message.contains("table accesses: part-00000.parquet starts at ts_ns"), message);
    assertTrue(message.endsWith("the files of a table must follow each other in time without overlapping"), message);
  }

  @Test
  void aFileOutsideTheTracesSpanIsRefused() throws Exception {
    rewriteManifest(m -> withAccessFiles(m, files -> List.of(files.get(0), new TraceManifest.FileEntry(
        files.get(1).name(), files.get(1).events(), files.get(1).bytes(), files.get(1).firstTsNs(), Long.MAX_VALUE,
        files.get(1).sha256()))));
    assertTrue(error(Verification.TRUSTED).contains("which is not a span within the trace's start_ns"));
  }

  @Test
  void aTrustedTraceWithAnUnreadableFileLosesItsRowsAndReadsTheRest() throws Exception {
    byte[] bytes = Files.readAllBytes(dir.resolve(SECOND));
    Files.write(dir.resolve(SECOND), java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(error(Verification.CHEAP).startsWith(SECOND + ": not a readable Parquet file"));
    TraceDataset trusted = open(Verification.TRUSTED);
    List<SpecificRecordBase> read;
    long lost;
    List<String> losses;
    try (TraceReader reader = trusted.reader(new TraceReader.Options())) {
      read = TraceFixtures.readAll(reader);
      lost = reader.lostEvents();
      losses = reader.losses();
    }
    assertEquals(1000, read.stream().filter(r -> r instanceof MemoryAccess).count());
    assertEquals(1000, lost);
    assertEquals(1, losses.size());
    assertTrue(losses.get(0).startsWith(SECOND + ": not a readable Parquet file"), losses.get(0));
    assertTrue(losses.get(0).endsWith(": 1,000 of its rows were not read"), losses.get(0));
    assertNotEquals(0, read.size());
  }
}
