package io.memreplay.analytics.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.parquet.ParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetResultsDatasetTest {

  private static final String REPLAY = "replay-1";
  private static final String RUN = "run-1";
  private static final String POLICY = "esxi-default";

  @TempDir
  Path dir;

  @Test
  void committedRunPublishesEveryPerRunTableInItsPolicyPartitionAndLeavesNoTemporaries() throws IOException {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    RunOutput run = dataset.openRun(RUN, POLICY);
    run.emit(EngineRows.of(vmRow(RUN, POLICY, 1)));
    run.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));

    List<Path> expected = new ArrayList<>();
    for (ResultTable table : ResultTable.values()) {
      if (table.perRun()) {
        expected.add(dir.resolve(table.folder()).resolve("policy=" + POLICY).resolve(RUN + ".parquet"));
      }
    }
    assertEquals(sorted(expected), filesUnder(dir));
    Path vmIntervals = dir.resolve("vm_intervals").resolve("policy=" + POLICY).resolve(RUN + ".parquet");
    assertEquals(List.of(vmRow(RUN, POLICY, 1)), readRows(vmIntervals));
  }

  @Test
  void aFolderHoldingOnlyItsFoldersAndThisWritersLeaseIsRemovedAndCanBeWrittenAgain() throws IOException {
    Path results = dir.resolve("new");
    ParquetResultsDataset failed = ParquetResultsDataset.create(results, REPLAY);
    failed.openRun(RUN, POLICY).abort();
    failed.close();
    assertTrue(ParquetResultsDataset.removeIfEmpty(results));
    assertFalse(Files.exists(results));

    ParquetResultsDataset again = ParquetResultsDataset.create(results, REPLAY);
    again.openRun(RUN, POLICY).commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));
    again.finish();
    again.close();
    assertTrue(Files.exists(results.resolve(WriterLeases.FOLDER)), "a new lease, held as any other");
    assertFalse(ParquetResultsDataset.removeIfEmpty(results), "results are never removed");
    assertTrue(Files.exists(new ResultsLayout(results).rejectsFile(REPLAY)));
  }

  @Test
  void aFolderWithAnotherWritersLeaseOrAnyFileStays() throws IOException {
    for (String file : List.of(".writers/another-writer.lock", "notes.txt", "runs/.part.other-writer-1.tmp")) {
      Path results = dir.resolve("with-" + file.hashCode());
      ParquetResultsDataset.create(results, REPLAY).close();
      Files.createDirectories(results.resolve(file).getParent());
      Files.writeString(results.resolve(file), "");
      assertFalse(ParquetResultsDataset.removeIfEmpty(results), file);
      assertTrue(Files.exists(results.resolve(file)), file);
    }
  }

  @Test
  void runWithoutRowsStillPublishesEveryTableWithZeroRows() throws IOException {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    dataset.openRun(RUN, POLICY).commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));

    ResultsLayout layout = new ResultsLayout(dir);
    for (ResultTable table : ResultTable.values()) {
      if (table.perRun()) {
        int expectedRows = table == ResultTable.RUNS ? 1 : 0;
        assertEquals(expectedRows, readRows(layout.runFile(table, POLICY, RUN)).size(), table.folder());
      }
    }
  }

  @Test
  void twoWritersOfTheSameRunAtOnceEachPublishACompleteFile() throws IOException {
    // a replay worker's successor may replay a host while the old worker still finishes it
    ParquetResultsDataset first = ParquetResultsDataset.create(dir, REPLAY);
    ParquetResultsDataset second = ParquetResultsDataset.create(dir, REPLAY);
    RunOutput one = first.openRun(RUN, POLICY);
    RunOutput two = second.openRun(RUN, POLICY);
    for (int i = 0; i < 100; i++) {
      one.emit(EngineRows.of(vmRow(RUN, POLICY, i)));
      two.emit(EngineRows.of(vmRow(RUN, POLICY, i)));
    }
    one.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));
    two.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));

    Path vmIntervals = dir.resolve("vm_intervals").resolve("policy=" + POLICY).resolve(RUN + ".parquet");
    assertEquals(100, readRows(vmIntervals).size());
    assertEquals(ResultTable.values().length - 1, filesUnder(dir).size(), "one file per per-run table, no temporaries");
  }

  @Test
  void anIncompleteRunNeverReplacesACompleteOneButReplacesAnIncompleteOne() throws IOException {
    Run incomplete = Run.newBuilder(SampleRows.run(REPLAY, RUN, POLICY)).setStatus("INCOMPLETE: 5 events lost: a gap")
        .setLostEvents(5L).build();
    RunOutput first = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    first.emit(EngineRows.of(vmRow(RUN, POLICY, 1)));
    assertTrue(first.commit(EngineRows.of(incomplete)), "nothing to keep yet");
    RunOutput complete = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    complete.emit(EngineRows.of(vmRow(RUN, POLICY, 2)));
    assertTrue(complete.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY))),
        "a complete run replaces an incomplete one");
    RunOutput again = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    again.emit(EngineRows.of(vmRow(RUN, POLICY, 3)));
    assertFalse(again.commit(EngineRows.of(incomplete)), "an incomplete run does not replace a complete one");

    Path vmIntervals = dir.resolve("vm_intervals").resolve("policy=" + POLICY).resolve(RUN + ".parquet");
    assertEquals(List.of(vmRow(RUN, POLICY, 2)), readRows(vmIntervals));
    assertEquals(Replay.COMPLETE, ((Run) readRows(new ResultsLayout(dir).runFile(ResultTable.RUNS, POLICY, RUN)).get(0))
        .getStatus());
    assertEquals(ResultTable.values().length - 1, filesUnder(dir).size(), "the dropped run left no temporaries");
  }

  @Test
  void abortedRunLeavesNoFileBehind() throws IOException {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    RunOutput run = dataset.openRun(RUN, POLICY);
    run.emit(EngineRows.of(vmRow(RUN, POLICY, 1)));
    run.abort();

    assertEquals(List.of(), filesUnder(dir));
  }

  @Test
  void abortAfterCommitKeepsTheCommittedRun() throws IOException {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    RunOutput run = dataset.openRun(RUN, POLICY);
    run.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));
    run.abort();

    assertEquals(6, filesUnder(dir).size());
  }

  @Test
  void commitThatFailsHalfwayLeavesNoRunsRowAndNoTemporaries() throws IOException {
    ResultsLayout layout = new ResultsLayout(dir);
    RunOutput first = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    first.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));
    // A non-empty folder where the mrc file goes: publishing it fails after the tables before it.
    Path mrc = layout.runFile(ResultTable.MRC, POLICY, RUN);
    Files.delete(mrc);
    Files.createDirectories(mrc.resolve("blocker"));

    RunOutput again = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    assertThrows(IOException.class, () -> again.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY))));

    List<Path> files = filesUnder(dir);
    assertFalse(files.contains(layout.runFile(ResultTable.RUNS, POLICY, RUN)), files.toString());
    assertTrue(files.stream().noneMatch(file -> file.getFileName().toString().startsWith(".")), files.toString());
  }

  @Test
  void rowsOfAnotherRunOrPolicyAreRefused() throws IOException {
    RunOutput run = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);

    assertThrows(IllegalArgumentException.class, () -> run.emit(EngineRows.of(vmRow("run-2", POLICY, 1))));
    assertThrows(IllegalArgumentException.class, () -> run.emit(EngineRows.of(vmRow(RUN, "other-policy", 1))));
    assertThrows(IllegalArgumentException.class, () -> run.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, "other-policy"))));
    run.abort();
  }

  @Test
  void rowsAfterCommitAreRefused() throws IOException {
    RunOutput run = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    run.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));

    assertThrows(IllegalStateException.class, () -> run.emit(EngineRows.of(vmRow(RUN, POLICY, 1))));
    assertThrows(IllegalStateException.class, () -> run.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY))));
  }

  @Test
  void replayingTheSameRunAgainReplacesItsFiles() throws IOException {
    RunOutput first = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    first.emit(EngineRows.of(vmRow(RUN, POLICY, 1)));
    first.emit(EngineRows.of(vmRow(RUN, POLICY, 2)));
    first.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));
    List<Path> filesOfFirst = filesUnder(dir);

    RunOutput second = ParquetResultsDataset.create(dir, REPLAY).openRun(RUN, POLICY);
    second.emit(EngineRows.of(vmRow(RUN, POLICY, 3)));
    second.commit(EngineRows.of(SampleRows.run(REPLAY, RUN, POLICY)));

    assertEquals(filesOfFirst, filesUnder(dir));
    assertEquals(List.of(vmRow(RUN, POLICY, 3)),
        readRows(new ResultsLayout(dir).runFile(ResultTable.VM_INTERVALS, POLICY, RUN)));
  }

  @Test
  void finishPublishesARejectsFileEvenWhenNothingWasRejected() throws IOException {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    dataset.finish();

    Path rejects = dir.resolve("rejects").resolve(REPLAY + ".parquet");
    assertEquals(List.of(rejects), filesUnder(dir));
    assertEquals(List.of(), readRows(rejects));
  }

  @Test
  void rejectsFromSeveralThreadsAllArrive() throws Exception {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    int threads = 4;
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            dataset.reject(reject(thread * perThread + i));
          }
          return null;
        }));
      }
      for (Future<?> writer : writers) {
        writer.get();
      }
    } finally {
      pool.shutdown();
    }
    dataset.finish();

    List<Reject> rejects = readRows(new ResultsLayout(dir).rejectsFile(REPLAY));
    assertEquals(threads * perThread, rejects.stream().mapToLong(Reject::getPosition).distinct().count());
  }

  @Test
  void closingAnUnfinishedDatasetDeletesItsRejects() throws IOException {
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    dataset.reject(reject(1));
    dataset.close();

    assertEquals(List.of(), filesUnder(dir));
    assertThrows(IllegalStateException.class, () -> dataset.reject(reject(2)));
  }

  @Test
  void rejectOfAnotherReplayIsRefused() throws IOException {
    try (ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY)) {
      Reject foreign = reject(1);
      foreign.setReplayId("replay-2");
      assertThrows(IllegalArgumentException.class, () -> dataset.reject(foreign));
    }
  }

  @Test
  void idsThatCannotBeFileNamesAreRefused() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> ParquetResultsDataset.create(dir, "../replay"));
    ParquetResultsDataset dataset = ParquetResultsDataset.create(dir, REPLAY);
    assertThrows(IllegalArgumentException.class, () -> dataset.openRun("a/b", POLICY));
    assertThrows(IllegalArgumentException.class, () -> dataset.openRun(RUN, ".hidden"));
    assertEquals(List.of(), filesUnder(dir));
  }

  static VmInterval vmRow(String runId, String policy, int seed) {
    return SampleRows.sample(ResultTable.VM_INTERVALS, seed, false, Map.of("run_id", runId, "policy", policy));
  }

  private static Reject reject(int position) {
    Reject reject = SampleRows.sample(ResultTable.REJECTS, 1, true, Map.of("replay_id", REPLAY));
    reject.setPosition(position);
    return reject;
  }

  /** Every regular file, temporaries included, sorted; not the writers' leases, which are not results. */
  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.getParent().getFileName().toString().equals(WriterLeases.FOLDER)).sorted().toList();
    }
  }

  private static List<Path> sorted(List<Path> paths) {
    return paths.stream().sorted().toList();
  }

  private static <T> List<T> readRows(Path file) throws IOException {
    List<T> rows = new ArrayList<>();
    try (ParquetReader<T> reader = ParquetFiles.avroReader(file)) {
      for (T row = reader.read(); row != null; row = reader.read()) {
        rows.add(row);
      }
    }
    return rows;
  }
}
