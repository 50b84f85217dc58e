package io.memreplay.ingest.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.replay.TraceInfo;
import io.memreplay.engine.replay.TraceSource;
import io.memreplay.ingest.TraceRecords;
import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.ingest.generate.TraceGenerator;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceFormatException;
import io.memreplay.schemas.trace.TraceManifest;
import io.memreplay.schemas.trace.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTraceSourceTest {

  private static final GeneratorSpec SPEC = GeneratorSpec.defaults().withVms(3).withAccesses(100_000).withGuestMb(16);

  @TempDir
  static Path dir;

  private static TraceManifest manifest;

  @BeforeAll
  static void generate() throws IOException {
    manifest = TraceGenerator.generate(SPEC, dir, written -> {});
  }

  @Test
  void infoComesFromTheManifestAndItsIdentityFromHowTheDatasetWasChecked() throws IOException {
    TraceDataset cheap = TraceDataset.open(dir);
    TraceInfo info = new ParquetTraceSource(cheap).info();
    assertEquals(new TraceInfo(manifest.traceId(), manifest.digest(), "cheap", cheap.identity(), "esx-01",
        List.of(0, 1, 2), manifest.startNs(), manifest.endNs(), SPEC.accesses() + SPEC.vms() * SPEC.guestPages()), info);
    TraceInfo full = new ParquetTraceSource(TraceDataset.open(dir, Verification.FULL, bytes -> {})).info();
    assertEquals("full", full.verification());
    assertEquals(manifest.digest(), full.identity(), "a trace verified in full is named by its digest");
    TraceInfo trusted = new ParquetTraceSource(TraceDataset.open(dir, Verification.TRUSTED, bytes -> {})).info();
    assertEquals(Set.of(manifest.digest()), new HashSet<>(List.of(full.digest(), trusted.digest(), info.digest())));
    assertEquals(3, new HashSet<>(List.of(full.identity(), trusted.identity(), info.identity())).size(),
        "each level of checking names the trace apart");
  }

  @Test
  void deliversEveryEventOnceInTimeOrderAndAgainWhenOpenedAgain() throws IOException {
    ParquetTraceSource source = new ParquetTraceSource(TraceDataset.open(dir));
    for (int pass = 0; pass < 2; pass++) {
      Delivery delivery = read(source, RecordScreen.anyVm());
      for (RecordKind kind : RecordKind.values()) {
        assertEquals(TraceRecords.read(dir, kind), delivery.events.get(kind), kind.table() + " in pass " + pass);
      }
      assertEquals(0, delivery.rejected.size());
      assertEquals(0, delivery.streamRejected);
    }
  }

  @Test
  void rowsOfVmsTheScreenRefusesAreRejectedAndTheRestDelivered() throws IOException {
    RecordScreen screen = RecordScreen.of(List.of(new RecordScreen.Vm(0, 2, SPEC.guestPages()),
        new RecordScreen.Vm(2, 2, SPEC.guestPages())), "not in this replay");
    Delivery delivery = read(new ParquetTraceSource(TraceDataset.open(dir)), screen);
    long refused = 0;
    for (RecordKind kind : RecordKind.values()) {
      List<SpecificRecordBase> expected = new ArrayList<>();
      for (SpecificRecordBase record : TraceRecords.<SpecificRecordBase>read(dir, kind)) {
        if ((Integer) record.get("vm") == 1) {
          refused++;
        } else {
          expected.add(record);
        }
      }
      assertEquals(expected, delivery.events.get(kind), kind.table());
    }
    assertTrue(refused > SPEC.guestPages(), "VM 1 has a snapshot and accesses");
    assertEquals(refused, delivery.rejected.size());
    assertEquals(refused, delivery.streamRejected);
    for (Reject reject : delivery.rejected) {
      assertEquals(1, reject.getVm());
      assertEquals("not in this replay", reject.getReason().toString());
    }
  }

  @Test
  void aFileChangedWhileTheTraceIsReadFailsTheStreamAtItsEndNamingTheFile() throws IOException {
    Path file = dir.resolve("accesses").resolve(manifest.files(RecordKind.ACCESSES).get(0).name());
    FileTime checked = Files.getLastModifiedTime(file);
    for (Verification verification : List.of(Verification.FULL, Verification.CHEAP)) {
      ParquetTraceSource source = new ParquetTraceSource(TraceDataset.open(dir, verification, bytes -> {}));
      try (TraceSource.Stream stream = source.open(RecordScreen.anyVm(), reject -> {})) {
        TraceBatch batch = new TraceBatch();
        assertTrue(stream.next(batch));
        // written to after the checks: the same size, another modification time
        Files.setLastModifiedTime(file, FileTime.fromMillis(checked.toMillis() + 1000));
        TraceFormatException changed = assertThrows(TraceFormatException.class, () -> {
          while (stream.next(batch)) {
            // read on to the end
          }
        }, verification.label());
        assertTrue(changed.getMessage().startsWith(file + ": changed after the trace was checked"), changed.getMessage());
      } finally {
        Files.setLastModifiedTime(file, checked);
      }
    }
    // a trusted dataset was not checked: there is nothing to compare
    ParquetTraceSource trusted = new ParquetTraceSource(TraceDataset.open(dir, Verification.TRUSTED, bytes -> {}));
    try (TraceSource.Stream stream = trusted.open(RecordScreen.anyVm(), reject -> {})) {
      Files.setLastModifiedTime(file, FileTime.fromMillis(checked.toMillis() + 1000));
      TraceBatch batch = new TraceBatch();
      while (stream.next(batch)) {
        // read on to the end
      }
    } finally {
      Files.setLastModifiedTime(file, checked);
    }
  }

  @Test
  void aFileWhoseDigestDiffersFailsTheStreamBeforeItEndsWhenDigestedAlongside(@TempDir Path copy) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path from : files.toList()) {
        Path to = copy.resolve(dir.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    String name = manifest.files(RecordKind.CONTENTS).get(0).name();
    Path file = copy.resolve("contents").resolve(name);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file, bytes);
    ParquetTraceSource source = new ParquetTraceSource(TraceDataset.openDigestingAlongside(copy, Verification.FULL));
    try (TraceSource.Stream stream = source.open(RecordScreen.anyVm(), reject -> {})) {
      TraceBatch batch = new TraceBatch();
      TraceFormatException refuted = assertThrows(TraceFormatException.class, () -> {
        while (stream.next(batch)) {
          // read on to the end
        }
      });
      assertTrue(refuted.getMessage().startsWith("contents/" + name + ": its content is not what manifest.json recorded"),
          refuted.getMessage());
    }
  }

  /** What one pass over a source delivered. */
  private record Delivery(Map<RecordKind, List<SpecificRecordBase>> events, List<Reject> rejected,
      long streamRejected) {}

  private static Delivery read(TraceSource source, RecordScreen screen) throws IOException {
    Map<RecordKind, List<SpecificRecordBase>> events = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      events.put(kind, new ArrayList<>());
    }
    List<Reject> rejected = new ArrayList<>();
    long lastTs = Long.MIN_VALUE;
    try (TraceSource.Stream stream = source.open(screen, rejected::add)) {
      TraceBatch batch = new TraceBatch();
      while (stream.next(batch)) {
        long batchStart = Long.MAX_VALUE;
        long batchEnd = Long.MIN_VALUE;
        for (RecordKind kind : RecordKind.values()) {
          Columns block = batch.columns(kind);
          for (int row = 0; row < block.size(); row++) {
            events.get(kind).add(block.toRecord(row));
            batchStart = Math.min(batchStart, block.tsNs[row]);
            batchEnd = Math.max(batchEnd, block.tsNs[row]);
          }
        }
        assertTrue(batchStart >= lastTs, "a batch starts no earlier than the previous one ended");
        lastTs = batchEnd;
      }
      return new Delivery(events, rejected, stream.rejected());
    }
  }
}
