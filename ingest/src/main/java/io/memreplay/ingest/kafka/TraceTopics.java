package io.memreplay.ingest.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates trace topics: the partitions hosts spread over, and room for the largest batch messages. */
public final class TraceTopics {

  /**
   * Largest record value a trace topic takes. A full accesses message ({@link TracePublisher#EVENTS_PER_MESSAGE}
   * events) encodes to about 0.6 MB and can reach 1 MB with 64-bit random addresses and hashes; the margin
   * is for foreign producers' larger batches.
   */
  public static final int MAX_MESSAGE_BYTES = 8 << 20;
  private static final long TIMEOUT_S = 60;

  private TraceTopics() {}

  /**
   * Creates {@code topic} with {@code partitions} partitions unless it exists.
   *
   * @return the topic's partition count: {@code partitions} when it was created, else what it has
   */
  public static int ensure(String bootstrap, String topic, int partitions) throws KafkaUnavailableException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S)))) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
      if (!existing.contains(topic)) {
        NewTopic request = new NewTopic(topic, partitions, (short) -1)
            .configs(Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES)));
        try {
          admin.createTopics(List.of(request)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
          return partitions;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).get(topic)
          .partitions().size();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new KafkaUnavailableException("cannot create or describe topic '" + topic + "' on " + bootstrap + ": "
          + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while creating topic '" + topic + "'", e);
    }
  }
}
