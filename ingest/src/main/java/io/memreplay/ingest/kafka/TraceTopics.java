package io.memreplay.ingest.kafka;

import java.time.Duration;
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

/**
 * Trace topics: creates them (the partitions hosts spread over, and room for the largest batch messages)
 * and lists those a broker has, failing within a timeout when no broker answers.
 */
public final class TraceTopics {

  /**
   * Largest record value a trace topic takes. A full accesses message ({@link TracePublisher#EVENTS_PER_MESSAGE}
   * events) encodes to about 0.6 MB and can reach 1 MB with 64-bit random addresses and hashes; the margin
   * is for foreign producers' larger batches.
   */
  public static final int MAX_MESSAGE_BYTES = 8 << 20;
  /** Tests and the worker's dead-letter topic wait longer: a loaded machine can be slow to create a topic. */
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);

  private TraceTopics() {}

  /** {@link #ensure(String, String, int, Duration)} with a minute to wait. */
  public static int ensure(String bootstrap, String topic, int partitions) throws KafkaUnavailableException {
    return ensure(bootstrap, topic, partitions, CREATE_TIMEOUT);
  }

  /**
   * Creates {@code topic} with {@code partitions} partitions unless it exists.
   *
   * @return the topic's partition count: {@code partitions} when it was created, else what it has
   * @throws KafkaUnavailableException when no broker answers within {@code timeout}, or one refuses
   */
  public static int ensure(String bootstrap, String topic, int partitions, Duration timeout)
      throws KafkaUnavailableException {
    try (Admin admin = admin(bootstrap, timeout)) {
      Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!existing.contains(topic)) {
        NewTopic request = new NewTopic(topic, partitions, (short) -1)
            .configs(Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES)));
        try {
          admin.createTopics(List.of(request)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          return partitions;
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      return admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .get(topic).partitions().size();
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable(bootstrap, timeout, "cannot create or describe topic '" + topic + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while creating topic '" + topic + "'", e);
    }
  }

  /**
   * The names of the topics the brokers at {@code bootstrap} have (internal ones left out).
   *
   * @throws KafkaUnavailableException when no broker answers within {@code timeout}
   */
  public static Set<String> topics(String bootstrap, Duration timeout) throws KafkaUnavailableException {
    try (Admin admin = admin(bootstrap, timeout)) {
      return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable(bootstrap, timeout, "cannot list its topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while listing the topics of " + bootstrap, e);
    }
  }

  private static Admin admin(String bootstrap, Duration timeout) {
    int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms));
  }

  /** A timeout is a broker that did not answer: said in one line, with what to check. */
  private static KafkaUnavailableException unavailable(String bootstrap, Duration timeout, String what, Exception e) {
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return new KafkaUnavailableException("no Kafka broker answered at " + bootstrap + " within " + timeout.toMillis() / 1000.0
          + " s (is one running there, and is the address right? --timeout waits longer)", cause);
    }
    return new KafkaUnavailableException("Kafka at " + bootstrap + ": " + what + ": " + cause.getMessage(), cause);
  }
}
