/**
 * A real Kafka broker in the calling JVM: {@link io.memreplay.broker.EmbeddedBroker} formats a KRaft log
 * folder and runs Kafka's own {@code KafkaRaftServer} as a combined broker and controller on 127.0.0.1.
 * {@code memreplay broker} runs it for people; the Kafka tests of ingest and cli start one per test class.
 * Depends on Kafka's broker artifacts ({@code kafka_2.13}, {@code kafka-server}, {@code kafka-server-common})
 * and nothing of memreplay's, so that only the modules that start a broker carry its jars.
 */
package io.memreplay.broker;
