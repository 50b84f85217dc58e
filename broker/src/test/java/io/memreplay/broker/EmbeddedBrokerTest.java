package io.memreplay.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

  @TempDir
  Path dir;

  @Test
  void recordsProducedBeforeARestartAreThereAfterIt() throws Exception {
    Path data = dir.resolve("kafka");
    try (EmbeddedBroker broker = EmbeddedBroker.start(0, data)) {
      assertTrue(broker.bootstrap().startsWith("127.0.0.1:"), broker.bootstrap());
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      produce(broker, "before", 50);
      broker.stop();
      assertFalse(broker.isRunning());
      broker.start();
      produce(broker, "after", 50);
      List<String> values = consumeAll(broker, 100);
      assertEquals(50, values.stream().filter(v -> v.startsWith("before")).count());
      assertEquals(50, values.stream().filter(v -> v.startsWith("after")).count());
    }
    assertTrue(Files.exists(data.resolve("meta.properties")), "a given data folder is kept");
  }

  @Test
  void aTemporaryLogFolderIsDeletedOnClose() throws Exception {
    Path data;
    try (EmbeddedBroker broker = EmbeddedBroker.start(0, null)) {
      data = broker.dataDir();
      assertTrue(Files.exists(data.resolve("meta.properties")));
    }
    assertFalse(Files.exists(data));
  }

  private static void produce(EmbeddedBroker broker, String prefix, int count) throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>("t", Integer.toString(i), prefix + "-" + i)).get();
      }
    }
  }

  private static List<String> consumeAll(EmbeddedBroker broker, int expected) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(), ConsumerConfig.GROUP_ID_CONFIG, "g",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("t"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
