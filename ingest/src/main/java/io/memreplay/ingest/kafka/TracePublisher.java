package io.memreplay.ingest.kafka;

import io.memreplay.engine.replay.EngineVersion;
import io.memreplay.schemas.avro.TraceEnd;
import io.memreplay.schemas.avro.TraceStart;
import io.memreplay.schemas.avro.TraceVm;
import io.memreplay.schemas.kafka.AvroBinaryWriter;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes trace datasets to a trace topic (docs/kafka.md "Kafka topic format"): per host a start marker with the
 * trace's identity and scenario, its events slice by slice in time order, and an end marker. The trace is
 * decoded into batches by the same {@link TraceReader} a Parquet replay uses (on a thread of its own, see
 * {@link PrefetchingReader}), so one slice is one replay batch, and encoded column by column. The producer is idempotent with {@code acks=all}: retries never
 * duplicate or reorder a host's messages.
 */
public final class TracePublisher implements AutoCloseable {

  /** Events per batch message: a replay batch's accesses go out in four messages of about 0.6 MB. */
  public static final int EVENTS_PER_MESSAGE = 1 << 14;

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final AvroBinaryWriter writer = new AvroBinaryWriter(1 << 20);
  private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

  /** What one host's publication sent. */
  public record Published(String host, String traceId, int partition, long messages, long events, long accesses,
      long bytes, long unpublishedRows) {}

  public TracePublisher(String bootstrap, String topic, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TraceTopics.MAX_MESSAGE_BYTES);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // the OS's buffer, which grows with the connection: Kafka's fixed 128 KB caps a fast link
    config.put(ProducerConfig.SEND_BUFFER_CONFIG, -1);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "memreplay-publish");
    config.putAll(overrides);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
  }

  /**
   * Publishes one trace as host {@code manifest.host()}.
   *
   * @param scenarioYaml the scenario to carry in the start marker, or null
   * @param progress told the events sent so far, after every slice
   */
  public Published publish(TraceDataset dataset, String scenarioYaml, LongConsumer progress) throws IOException {
    TraceManifest manifest = dataset.manifest();
    HostMessages messages = new HostMessages(manifest.host());
    messages.send(TraceMessageCodec.start(messages.sequence++, startMarker(manifest, scenarioYaml)));
    long events = 0;
    long accesses = 0;
    long rejected;
    try (PrefetchingReader reader = new PrefetchingReader(dataset.reader(new TraceReader.Options()))) {
      for (TraceBatch batch; (batch = reader.next()) != null; ) {
        messages.sendSlice(batch);
        events += batch.events();
        accesses += batch.accesses.size();
        progress.accept(events);
      }
      rejected = reader.rejected();
    }
    messages.send(TraceMessageCodec.end(messages.sequence++, new TraceEnd(manifest.endNs(), events)));
    flush();
    return new Published(manifest.host(), manifest.traceId(), messages.partition.get(), messages.sequence, events,
        accesses, messages.bytes, rejected);
  }

  /** One host's messages as they go out: numbered, counted, and where Kafka put them. */
  private final class HostMessages {
    final String host;
    final AtomicInteger partition = new AtomicInteger(-1);
    long sequence;
    long bytes;

    HostMessages(String host) {
      this.host = host;
    }

    /** A replay batch as one slice: its kinds in order, each in messages of at most EVENTS_PER_MESSAGE events. */
    void sendSlice(TraceBatch batch) throws IOException {
      List<Columns> blocks = new ArrayList<>();
      for (RecordKind kind : RecordKind.values()) {
        if (!batch.columns(kind).isEmpty()) {
          blocks.add(batch.columns(kind));
        }
      }
      for (int b = 0; b < blocks.size(); b++) {
        Columns block = blocks.get(b);
        for (int from = 0; from < block.size(); from += EVENTS_PER_MESSAGE) {
          int count = Math.min(EVENTS_PER_MESSAGE, block.size() - from);
          boolean sliceEnd = b == blocks.size() - 1 && from + count == block.size();
          TraceMessageCodec.batch(sequence++, block, from, count, sliceEnd, writer);
          send(writer.toByteArray());
        }
      }
    }

    void send(byte[] value) throws IOException {
      throwIfSendFailed();
      try {
        producer.send(new ProducerRecord<>(topic, host, value), (metadata, e) -> {
          if (e != null) {
            sendFailure.compareAndSet(null, e);
          } else {
            partition.set(metadata.partition());
          }
        });
      } catch (KafkaException e) {
        throw new KafkaUnavailableException("publishing to topic '" + topic + "' failed: " + e.getMessage(), e);
      }
      bytes += value.length;
    }
  }

  /** Waits until every message sent so far is acknowledged, or fails with the first send's error. */
  public void flush() throws IOException {
    try {
      producer.flush();
    } catch (KafkaException e) {
      throw new KafkaUnavailableException("publishing to topic '" + topic + "' failed: " + e.getMessage(), e);
    }
    throwIfSendFailed();
  }

  private void throwIfSendFailed() throws KafkaUnavailableException {
    Exception failed = sendFailure.get();
    if (failed instanceof RecordTooLargeException) {
      throw new KafkaUnavailableException("topic '" + topic + "' refuses a message of the trace as too large: "
          + failed.getMessage() + " (topics publish creates take " + TraceTopics.MAX_MESSAGE_BYTES
          + " bytes; raise this topic's max.message.bytes to that)", failed);
    }
    if (failed != null) {
      throw new KafkaUnavailableException("publishing to topic '" + topic + "' failed: " + failed.getMessage(), failed);
    }
  }

  private static TraceStart startMarker(TraceManifest manifest, String scenarioYaml) {
    List<TraceVm> vms = manifest.vms().stream().map(vm -> new TraceVm(vm.id(), vm.name())).toList();
    return TraceStart.newBuilder()
        .setFormatVersion(1)
        .setTraceId(manifest.traceId())
        .setDigest(manifest.digest())
        .setHost(manifest.host())
        .setVms(vms)
        .setStartNs(manifest.startNs())
        .setEndNs(manifest.endNs())
        .setEvents(manifest.totalEvents())
        .setScenarioYaml(scenarioYaml)
        .setProducer("memreplay " + EngineVersion.get() + " publish")
        .build();
  }

  @Override
  public void close() {
    producer.close();
  }
}
