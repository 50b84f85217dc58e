package io.memreplay.ingest.inspect;

import io.memreplay.engine.primitives.LongIntHashMap;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceManifest;
import java.util.ArrayList;
import java.util.List;

/** Tallies a trace batch by batch: events per kind, the time span, rejects, and each VM's accesses. */
final class StatisticsCollector {

  /** Rejects kept with their reason: enough to show what is wrong without flooding the report. */
  static final int REJECTS_SHOWN = 5;

  private final LongIntHashMap slotOfVm = new LongIntHashMap();
  private final List<VmTally> vms = new ArrayList<>();
  private final long[] eventsByKind = new long[RecordKind.values().length];
  private long startNs = Long.MAX_VALUE;
  private long endNs = Long.MIN_VALUE;
  private long rejected;
  private final List<TraceStatistics.RejectSample> firstRejects = new ArrayList<>();

  StatisticsCollector(List<TraceManifest.Vm> manifestVms) {
    for (TraceManifest.Vm vm : manifestVms) {
      slotOfVm.put(vm.id(), vms.size());
      vms.add(new VmTally(vm.id(), vm.name()));
    }
  }

  void reject(Reject reject) {
    rejected++;
    if (firstRejects.size() < REJECTS_SHOWN) {
      firstRejects.add(new TraceStatistics.RejectSample(reject.getSource().toString(), reject.getPosition(),
          reject.getReason().toString()));
    }
  }

  void add(TraceBatch batch) {
    for (RecordKind kind : RecordKind.values()) {
      Columns block = batch.columns(kind);
      int size = block.size();
      if (size > 0) {
        eventsByKind[kind.ordinal()] += size;
        // blocks are sorted by time
        startNs = Math.min(startNs, block.tsNs[0]);
        endNs = Math.max(endNs, block.tsNs[size - 1]);
      }
    }
    AccessColumns accesses = batch.accesses;
    for (int row = 0; row < accesses.size(); row++) {
      vms.get(slotOfVm.get(accesses.vm[row], -1)).add(accesses, row);
    }
  }

  TraceStatistics result(TraceManifest manifest, String verification) {
    boolean empty = startNs > endNs;
    return new TraceStatistics(manifest.traceId(), manifest.host(), manifest.digest(), verification,
        new TraceStatistics.EventCounts(events(RecordKind.ACCESSES), events(RecordKind.PAGETABLE),
            events(RecordKind.CONTENTS), events(RecordKind.DEMAND)),
        rejected, List.copyOf(firstRejects), manifest.importRejects(), empty ? 0 : startNs, empty ? 0 : endNs,
        vms.stream().map(VmTally::result).toList());
  }

  private long events(RecordKind kind) {
    return eventsByKind[kind.ordinal()];
  }
}
