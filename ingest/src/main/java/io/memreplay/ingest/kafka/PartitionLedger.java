package io.memreplay.ingest.kafka;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a worker knows about one partition it owns: the episodes (host traces) open in it, how far it has
 * read, and where its committed offset may go.
 *
 * <p>The commit protocol: the committed offset never passes the first message of an open episode, so a new
 * owner replays every unfinished host from its start marker. Hosts that finished while an earlier one was
 * still open have messages after that point too; the commit's metadata lists them with their end
 * marker's offset ({@code memreplay1 host=offset ...}), and a new owner skips their messages instead of
 * taking them for messages without a start marker. Replaying such a host again would be harmless (run ids
 * are digests of the inputs, the files the same), but skipping is cheaper.
 */
final class PartitionLedger {

  static final String METADATA_VERSION = "memreplay1";
  /** Kafka's default {@code offset.metadata.max.bytes} is 4096. */
  private static final int MAX_METADATA_CHARS = 4000;

  /** A finished episode whose messages may lie after the commit point. */
  private record Tail(String host, long firstOffset, long endOffset) {}

  final TopicPartition partition;
  /** Per host, the episode its next message belongs to: one that has not seen its end marker yet. */
  private final Map<String, Episode> open = new HashMap<>();
  /** Every episode not finished yet, ended or not: each holds the commit point at its first message. */
  private final Set<Episode> unfinished = new HashSet<>();
  private final List<Tail> finished = new ArrayList<>();
  /** Hosts a previous owner finished, with their end markers' offsets, from the committed metadata. */
  private final Map<String, Long> finishedBefore;
  /** The next offset to read. */
  long position;
  private OffsetAndMetadata committed;

  PartitionLedger(TopicPartition partition, long position, OffsetAndMetadata committed) {
    this.partition = partition;
    this.position = position;
    this.committed = committed;
    this.finishedBefore = parse(committed == null ? null : committed.metadata());
  }

  /** The episode a message of {@code host} belongs to, or null when the host has none open. */
  Episode open(String host) {
    return open.get(host);
  }

  /** The host's end marker arrived: its next message belongs to a new episode, while this one finishes. */
  void ended(Episode episode) {
    if (open.get(episode.host) == episode) {
      open.remove(episode.host);
    }
  }

  Collection<Episode> unfinishedEpisodes() {
    return List.copyOf(unfinished);
  }

  void add(Episode episode) {
    open.put(episode.host, episode);
    unfinished.add(episode);
  }

  /** The episode is over; when it ended with its end marker, its messages count as used. */
  void close(Episode episode) {
    ended(episode);
    unfinished.remove(episode);
    if (episode.endOffset >= 0) {
      finished.add(new Tail(episode.host, episode.firstOffset, episode.endOffset));
    }
  }

  /** Whether the message at {@code offset} belongs to a host a previous owner already finished. */
  boolean finishedBefore(String host, long offset) {
    Long end = finishedBefore.get(host);
    if (end == null || open.containsKey(host)) {
      return false;
    }
    if (offset >= end) {
      finishedBefore.remove(host);
    }
    return offset <= end;
  }

  /** The offset and metadata to commit now; null when nothing changed or the metadata would be too long. */
  OffsetAndMetadata commitPoint() {
    long offset = position;
    for (Episode episode : unfinished) {
      offset = Math.min(offset, episode.firstOffset);
    }
    StringBuilder metadata = new StringBuilder(METADATA_VERSION);
    for (Iterator<Tail> it = finished.iterator(); it.hasNext(); ) {
      Tail tail = it.next();
      if (tail.endOffset < offset) {
        it.remove();
      } else if (tail.firstOffset < offset) {
        append(metadata, tail.host, tail.endOffset);
      }
    }
    for (Map.Entry<String, Long> entry : finishedBefore.entrySet()) {
      if (entry.getValue() >= offset) {
        append(metadata, entry.getKey(), entry.getValue());
      }
    }
    if (metadata.length() > MAX_METADATA_CHARS) {
      return null;
    }
    OffsetAndMetadata point = new OffsetAndMetadata(offset, metadata.toString());
    if (point.equals(committed)) {
      return null;
    }
    return point;
  }

  void committed(OffsetAndMetadata point) {
    committed = point;
  }

  private static void append(StringBuilder metadata, String host, long endOffset) {
    metadata.append(' ').append(URLEncoder.encode(host, StandardCharsets.UTF_8)).append('=').append(endOffset);
  }

  private static Map<String, Long> parse(String metadata) {
    Map<String, Long> hosts = new HashMap<>();
    if (metadata == null || !metadata.startsWith(METADATA_VERSION)) {
      return hosts;
    }
    for (String entry : metadata.substring(METADATA_VERSION.length()).trim().split(" ")) {
      int equals = entry.lastIndexOf('=');
      if (equals > 0) {
        try {
          hosts.put(URLDecoder.decode(entry.substring(0, equals), StandardCharsets.UTF_8),
              Long.parseLong(entry.substring(equals + 1)));
        } catch (IllegalArgumentException e) {
          // written by something else: without the entry the host's later messages are merely rejected
        }
      }
    }
    return hosts;
  }
}
