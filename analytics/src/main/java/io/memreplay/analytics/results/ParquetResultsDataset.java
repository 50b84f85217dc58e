package io.memreplay.analytics.results;

import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Reject;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes one replay's results into a results dataset folder (layout in the package documentation).
 *
 * <p>Threading: {@link #openRun} may be called from any thread; each {@link RunOutput} it returns is
 * used by one thread at a time. {@link #reject}, {@link #finish} and {@link #close} are synchronized,
 * since rejects arrive on the thread reading the trace while the replay finishes on another.
 *
 * <p>Close it after {@link #finish}, or in place of it when the replay failed: closing an unfinished
 * dataset deletes the rejects' temporary file instead of leaving it behind.
 */
public final class ParquetResultsDataset implements ReplayOutput, AutoCloseable {

  private final ResultsLayout layout;
  private final String replayId;
  /** Opened on the first reject, or by {@link #finish} to publish an empty file. */
  private TableFile<Reject> rejects;
  private boolean finished;

  private ParquetResultsDataset(ResultsLayout layout, String replayId) {
    this.layout = layout;
    this.replayId = replayId;
  }

  /**
   * A dataset in {@code resultsDir}, created with every table folder if it does not exist yet. Earlier
   * results in the folder stay, except the files of runs (and the rejects of the replay) that this
   * replay writes again.
   */
  public static ParquetResultsDataset create(Path resultsDir, String replayId) throws IOException {
    ResultsLayout.requireSafeName("replay id", replayId);
    ResultsLayout layout = new ResultsLayout(resultsDir);
    for (ResultTable table : ResultTable.values()) {
      Files.createDirectories(layout.tableFolder(table));
    }
    WriterLeases.enter(resultsDir);
    return new ParquetResultsDataset(layout, replayId);
  }

  /**
   * Removes results folder {@code resultsDir} when it holds no results: nothing but its folders and this
   * JVM's lease, which is what a replay that failed leaves of a folder it created. Anything else (a
   * published file, another writer's lease or temporaries) keeps the folder, and so does a folder that
   * fills meanwhile: only empty folders are deleted. No one else in this JVM may be writing in it.
   *
   * @return whether the folder is gone
   */
  public static boolean removeIfEmpty(Path resultsDir) throws IOException {
    if (!Files.isDirectory(resultsDir)) {
      return !Files.exists(resultsDir);
    }
    List<Path> folders;
    try (Stream<Path> entries = Files.walk(resultsDir)) {
      List<Path> all = entries.toList();
      if (all.stream().anyMatch(entry -> !Files.isDirectory(entry) && !WriterLeases.isOwnLease(resultsDir, entry))) {
        return false;
      }
      // deepest first, so that each folder is empty when its turn comes
      folders = all.stream().filter(Files::isDirectory)
          .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
    }
    WriterLeases.leave(resultsDir);
    try {
      for (Path folder : folders) {
        Files.delete(folder);
      }
    } catch (DirectoryNotEmptyException e) {
      return false;
    }
    return true;
  }

  @Override
  public RunOutput openRun(String runId, String policy) throws IOException {
    return ParquetRunOutput.open(layout, runId, policy);
  }

  @Override
  public synchronized void reject(Reject reject) throws IOException {
    requireUnfinished();
    if (!replayId.equals(reject.getReplayId())) {
      throw new IllegalArgumentException(
          "a reject of replay " + reject.getReplayId() + " was written to the rejects of replay " + replayId);
    }
    openRejects().write(reject);
  }

  /** Publishes the rejects file, with zero rows when nothing was rejected. */
  @Override
  public synchronized void finish() throws IOException {
    requireUnfinished();
    finished = true;
    TableFile<Reject> file = openRejects();
    try {
      file.publish();
    } catch (IOException | RuntimeException e) {
      file.discard();
      throw e;
    }
  }

  /** Deletes the unpublished rejects when {@link #finish} was not called; otherwise does nothing. */
  @Override
  public synchronized void close() {
    if (!finished) {
      finished = true;
      if (rejects != null) {
        rejects.discard();
      }
    }
  }

  private TableFile<Reject> openRejects() throws IOException {
    if (rejects == null) {
      rejects = TableFile.create(layout.rejectsFile(replayId), ResultTable.REJECTS.schema());
    }
    return rejects;
  }

  private void requireUnfinished() {
    if (finished) {
      throw new IllegalStateException("the results of replay " + replayId + " are already finished or closed");
    }
  }
}
