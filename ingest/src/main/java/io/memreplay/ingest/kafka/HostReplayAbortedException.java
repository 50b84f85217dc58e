package io.memreplay.ingest.kafka;

import java.io.IOException;

/**
 * Ends a host's replay before its end marker: its partition went to another worker, or the worker stopped.
 * The replay then aborts its outputs, and whoever owns the partition next replays the host from its start.
 */
final class HostReplayAbortedException extends IOException {
  private static final long serialVersionUID = 1L;

  HostReplayAbortedException(String reason) {
    super(reason);
  }
}
