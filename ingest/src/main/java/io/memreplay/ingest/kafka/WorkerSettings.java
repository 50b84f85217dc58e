package io.memreplay.ingest.kafka;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.replay.ReplayLimits;
import io.memreplay.engine.replay.ReplayOptions;
import java.util.List;
import java.util.Map;

/**
 * What a replay worker consumes and how it replays.
 *
 * @param bootstrap Kafka's bootstrap servers
 * @param topic the trace topic
 * @param group the consumer group: workers of one group split the topic's partitions, hence its hosts
 * @param policies the policies every host is replayed under
 * @param options interval, windows and seed, as for a Parquet replay
 * @param limits what a host's replay may take on: hosts beyond them are refused at their start marker, and
 *     events after the last interval the limit allows are rejected when the marker gives no end
 * @param scenario replaces every start marker's scenario when not null
 * @param follow keep consuming after the hosts ended, for traces still arriving; else stop once every
 *     partition is read to its end and every host started there has ended
 * @param deadLetterTopic where rejected messages go too, or null
 * @param consumerOverrides extra Kafka consumer settings (tests use small fetches)
 */
public record WorkerSettings(String bootstrap, String topic, String group, List<Policy> policies, ReplayOptions options,
    ReplayLimits limits, Scenario scenario, boolean follow, String deadLetterTopic, Map<String, Object> consumerOverrides) {

  public WorkerSettings {
    policies = List.copyOf(policies);
    consumerOverrides = Map.copyOf(consumerOverrides);
  }
}
