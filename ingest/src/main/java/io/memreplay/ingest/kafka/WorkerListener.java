package io.memreplay.ingest.kafka;

import java.util.Collection;
import org.apache.kafka.common.TopicPartition;

/**
 * What a worker tells as it goes, on its consumer thread: for progress output, and for tests that stop
 * a worker at a chosen moment. Callbacks must be quick.
 */
public interface WorkerListener {

  WorkerListener NONE = new WorkerListener() {};

  default void assigned(Collection<TopicPartition> partitions) {}

  /** The partitions went to another worker (or the worker is leaving); their open hosts were aborted. */
  default void revoked(Collection<TopicPartition> partitions) {}

  default void hostStarted(String host, TopicPartition partition, long offset) {}

  /** The host's results are published; its offsets are committed after this returns. */
  default void hostReplayed(HostOutcome outcome) {}

  /** {@code events} more events were read by the hosts' replays (delivered or rejected). */
  default void eventsRead(long events) {}
}
