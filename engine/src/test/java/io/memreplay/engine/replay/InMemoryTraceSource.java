package io.memreplay.engine.replay;

import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;

/** A trace held as Avro records, delivered in (ts_ns, kind) order in small batches. */
final class InMemoryTraceSource implements TraceSource {

  private final List<SpecificRecordBase> events;
  private final TraceInfo info;
  private final int batchEvents;

  InMemoryTraceSource(List<? extends SpecificRecordBase> events, List<Integer> vmIds, int batchEvents) {
    List<SpecificRecordBase> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(InMemoryTraceSource::ts).thenComparing(e -> kind(e).ordinal()));
    this.events = sorted;
    this.batchEvents = batchEvents;
    long start = sorted.isEmpty() ? 0 : ts(sorted.get(0));
    long end = sorted.isEmpty() ? 0 : ts(sorted.get(sorted.size() - 1));
    this.info = new TraceInfo("in-memory", "sha256:test", "host-1", vmIds, start, end, sorted.size());
  }

  static long ts(SpecificRecordBase event) {
    return (Long) event.get("ts_ns");
  }

  static RecordKind kind(SpecificRecordBase event) {
    for (RecordKind kind : RecordKind.values()) {
      if (kind.layout().schema().equals(event.getSchema())) {
        return kind;
      }
    }
    throw new IllegalArgumentException(event.getSchema().getName());
  }

  @Override
  public TraceInfo info() {
    return info;
  }

  @Override
  public Stream open(RecordScreen screen, Consumer<Reject> rejects) {
    return new Stream() {
      int next;
      long rejected;

      @Override
      public boolean next(TraceBatch batch) {
        batch.clear();
        int taken = 0;
        while (next < events.size() && taken < batchEvents) {
          SpecificRecordBase event = events.get(next++);
          Columns columns = batch.columns(kind(event));
          columns.add(event);
          String reason = screen.problem(columns, columns.size() - 1);
          if (reason != null) {
            columns.setSize(columns.size() - 1);
            rejected++;
            rejects.accept(Reject.newBuilder().setReplayId("").setSource("memory").setPosition(next - 1)
                .setKind(kind(event).table()).setTsNs(ts(event)).setVm((Integer) event.get("vm")).setReason(reason)
                .setRecord(event.toString()).build());
            continue;
          }
          taken++;
        }
        return taken > 0 || next < events.size();
      }

      @Override
      public long rejected() {
        return rejected;
      }

      @Override
      public void close() {}
    };
  }
}
