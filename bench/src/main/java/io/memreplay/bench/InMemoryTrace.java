package io.memreplay.bench;

import io.memreplay.engine.replay.TraceInfo;
import io.memreplay.engine.replay.TraceSource;
import io.memreplay.ingest.parquet.ParquetTraceSource;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A trace decoded once into memory and replayed as often as needed. Its stream copies the stored batches
 * into the batches the replay hands it, as a real source fills them, so a replay over it costs the engine
 * and the hand-off between threads, but no Parquet decoding.
 */
final class InMemoryTrace implements TraceSource {

  private final TraceInfo info;
  private final List<TraceBatch> batches;
  private final long accesses;
  private final long events;

  private InMemoryTrace(TraceInfo info, List<TraceBatch> batches) {
    this.info = info;
    this.batches = List.copyOf(batches);
    this.accesses = batches.stream().mapToLong(batch -> batch.accesses.size()).sum();
    this.events = batches.stream().mapToLong(TraceBatch::events).sum();
  }

  /** Reads all of {@code dataset}, which must have no row the reader rejects. */
  static InMemoryTrace decode(TraceDataset dataset) throws IOException {
    List<TraceBatch> batches = new ArrayList<>();
    TraceBatch batch = new TraceBatch();
    TraceReader.Options options = new TraceReader.Options().rejects(InMemoryTrace::failOnReject);
    try (TraceReader reader = dataset.reader(options)) {
      while (reader.next(batch)) {
        batches.add(copyOf(batch));
      }
    }
    return new InMemoryTrace(new ParquetTraceSource(dataset).info(), batches);
  }

  long accesses() {
    return accesses;
  }

  /** The decoded batches, in time order; callers must not change them. */
  List<TraceBatch> batches() {
    return batches;
  }

  long events() {
    return events;
  }

  @Override
  public TraceInfo info() {
    return info;
  }

  /**
   * Streams every stored row. Rows were screened when decoded, so a scenario must accept every VM of the
   * trace: there is nothing left to reject.
   */
  @Override
  public Stream open(RecordScreen screen, Consumer<Reject> rejects) {
    for (int vm : info.vmIds()) {
      if (!screen.acceptsVm(vm)) {
        throw new IllegalArgumentException("the scenario leaves out VM " + vm + " of the in-memory trace");
      }
    }
    Iterator<TraceBatch> remaining = batches.iterator();
    return new Stream() {
      @Override
      public boolean next(TraceBatch batch) {
        if (!remaining.hasNext()) {
          return false;
        }
        copy(remaining.next(), batch);
        return true;
      }

      @Override
      public long rejected() {
        return 0;
      }

      @Override
      public void close() {}
    };
  }

  private static void failOnReject(Reject reject) {
    throw new IllegalStateException("the benchmark trace has a row the reader rejects (" + reject.getSource()
        + " row " + reject.getPosition() + ": " + reject.getReason() + "); delete it to have it generated again");
  }

  /** A copy of {@code batch} no larger than its rows need, so the whole trace fits the heap. */
  private static TraceBatch copyOf(TraceBatch batch) {
    int sideRows = Math.max(batch.pagetable.size(), Math.max(batch.contents.size(), batch.demand.size()));
    TraceBatch copy = new TraceBatch(batch.accesses.size(), sideRows);
    copy(batch, copy);
    return copy;
  }

  /**
   * Replaces the rows of {@code to} with those of {@code from}. A replay's batches have the reader's
   * default capacity, the same that {@link #decode} read with, so the rows always fit.
   */
  private static void copy(TraceBatch from, TraceBatch to) {
    to.clear();
    for (RecordKind kind : RecordKind.values()) {
      Columns rows = from.columns(kind);
      to.columns(kind).append(rows, 0, rows.size());
    }
  }
}
