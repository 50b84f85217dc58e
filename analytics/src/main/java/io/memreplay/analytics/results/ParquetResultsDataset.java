package io.memreplay.analytics.results;

import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.engine.replay.RunOutput;
import io.memreplay.schemas.avro.Reject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
