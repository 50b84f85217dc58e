package io.memreplay.engine.replay;

import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/** Where a replay's events come from: a Parquet trace dataset, a Kafka topic. */
public interface TraceSource {

  /**
   * What the source knows about its trace. A live source (a Kafka topic) may learn the trace's end only
   * from the stream itself: the replay asks again once the stream has ended, for the end time.
   */
  TraceInfo info();

  /**
   * Starts reading from the first event.
   *
   * @param screen what the replay can simulate (its VMs, their vCPUs and memory); the source narrows it to
   *     the trace's time span, and rejects rows it refuses
   * @param rejects receives every row that is not delivered, with where it came from and why
   */
  Stream open(RecordScreen screen, Consumer<Reject> rejects) throws IOException;

  /** The events of a source, batch by batch in time order. */
  interface Stream extends Closeable {
    /**
     * Fills {@code batch} with the next events.
     *
     * @return false when there are no more events
     */
    boolean next(TraceBatch batch) throws IOException;

    /** Rows rejected so far. */
    long rejected();

    /**
     * Once the stream has ended: what it could neither deliver nor reject (a Kafka sequence gap, a file
     * that could not be read), or null when every event of the trace was accounted for.
     */
    default Loss loss() {
      return null;
    }
  }

  /**
   * Input a stream lost, which makes its runs incomplete.
   *
   * @param events how many events, or -1 when unknown
   * @param reason what was lost, for people: e.g. "a sequence gap before message 5 of host esx-01"
   */
  record Loss(long events, String reason) {
    public static final long UNKNOWN = -1;
  }
}
