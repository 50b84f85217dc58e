package io.memreplay.ingest.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * A run of one host's messages in one partition, from its first message to its end marker: a trace being
 * replayed ({@link HostReplay}), or messages no replay can use ({@link UnreplayedTrace}). While an episode
 * is open its partition's committed offset stays at or before its first message, so whoever owns the
 * partition next sees it again from the start.
 */
abstract sealed class Episode permits HostReplay, UnreplayedTrace {

  final String host;
  final TopicPartition partition;
  final long firstOffset;
  /** Offset of the end marker once routed, else -1. */
  long endOffset = -1;

  Episode(String host, TopicPartition partition, long firstOffset) {
    this.host = host;
    this.partition = partition;
    this.firstOffset = firstOffset;
  }

  /** The id of this episode's rejects when no replay owns them: derived from where it starts, so a retry overwrites. */
  final String rejectsId() {
    return "kafka-" + partition.topic() + "-" + partition.partition() + "-" + firstOffset;
  }
}
