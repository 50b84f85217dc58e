package io.memreplay.ingest.generate;

import io.memreplay.schemas.trace.AccessColumns;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Merges the VMs' access streams into the host's single time order; equal times go by VM id. */
final class AccessInterleaver {

  private final PriorityQueue<VmAccessStream> streams = new PriorityQueue<>(
      Comparator.comparingLong(VmAccessStream::nextTs).thenComparingInt(VmAccessStream::vmId));

  AccessInterleaver(List<VmAccessStream> vmStreams) {
    for (VmAccessStream stream : vmStreams) {
      if (stream.hasNext()) {
        streams.add(stream);
      }
    }
  }

  boolean hasNext() {
    return !streams.isEmpty();
  }

  /** Appends the host's next access to {@code block}. */
  void emitNext(AccessColumns block) {
    VmAccessStream first = streams.remove();
    first.emit(block);
    if (first.hasNext()) {
      streams.add(first);
    }
  }
}
