package io.memreplay.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topic: each rejected message, key and value as they arrived, with headers saying where it
 * came from and why it was rejected. Thread-safe; {@link #flush} before committing the offsets past a
 * message, so that a dead letter is never lost to a crash (it may be sent twice: consumers of the topic
 * dedupe on the source headers).
 */
final class DeadLetters implements AutoCloseable {

  static final String REASON = "memreplay.reason";
  static final String SOURCE_TOPIC = "memreplay.source.topic";
  static final String SOURCE_PARTITION = "memreplay.source.partition";
  static final String SOURCE_OFFSET = "memreplay.source.offset";

  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  DeadLetters(String bootstrap, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TraceTopics.MAX_MESSAGE_BYTES + (1 << 16));
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "memreplay-dlq");
    this.topic = topic;
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void send(ConsumerRecord<byte[], byte[]> record, String reason) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(SOURCE_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(SOURCE_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
    headers.add(SOURCE_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
    producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers), (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
  }

  /** Waits for every dead letter sent so far; fails if one could not be written. */
  void flush() throws KafkaUnavailableException {
    producer.flush();
    Exception failed = failure.get();
    if (failed != null) {
      throw new KafkaUnavailableException("writing to the dead-letter topic '" + topic + "' failed: " + failed.getMessage(), failed);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
