package io.memreplay.ingest.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A worker running on a thread of its own, as one of several members of a group. */
final class BackgroundWorker {

  final KafkaReplayWorker worker;
  private final CompletableFuture<WorkerResult> result = new CompletableFuture<>();

  BackgroundWorker(KafkaReplayWorker worker, String name) {
    this.worker = worker;
    Thread thread = new Thread(() -> {
      try {
        result.complete(worker.run());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, name);
    thread.start();
  }

  WorkerResult await() throws Exception {
    return result.get(120, TimeUnit.SECONDS);
  }
}
