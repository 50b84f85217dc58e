package io.memreplay.ingest.kafka;

import io.memreplay.engine.replay.ReplayOutput;
import io.memreplay.schemas.avro.Reject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Messages of a host that no replay can use: there was no start marker before them, or it could not be
 * used. Each becomes a reject with the reason (and a dead letter); {@link #publish} writes them as one
 * rejects file named by where the run starts, so that reading the partition again rewrites the same file.
 */
final class UnreplayedTrace extends Episode {

  private final String reason;
  private final List<Reject> rejects = new ArrayList<>();

  /** @param reason why the host's messages cannot be replayed, for every message but the first */
  UnreplayedTrace(String host, TopicPartition partition, long firstOffset, String reason) {
    super(host, partition, firstOffset);
    this.reason = reason;
  }

  /** Rejects a message for the episode's reason. */
  void reject(ConsumerRecord<byte[], byte[]> record, DeadLetters deadLetters) {
    reject(record, reason, deadLetters);
  }

  void reject(ConsumerRecord<byte[], byte[]> record, String why, DeadLetters deadLetters) {
    rejects.add(MessageRejects.message(record, why));
    if (deadLetters != null) {
      deadLetters.send(record, why);
    }
  }

  int rejected() {
    return rejects.size();
  }

  void publish(ResultsSink results) throws IOException {
    String id = rejectsId();
    ReplayOutput output = results.open(id);
    try {
      for (Reject reject : rejects) {
        reject.setReplayId(id);
        output.reject(reject);
      }
      output.finish();
    } finally {
      if (output instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IOException("closing the rejects of " + id + " failed: " + e.getMessage(), e);
        }
      }
    }
  }
}
