package io.memreplay.ingest.kafka;

import java.util.List;

/**
 * What a worker did before it stopped.
 *
 * @param hosts the host traces it replayed and published
 * @param inputProblems host traces it could not replay because of what is on the topic (no end marker, an
 *     unusable start marker), each a sentence naming host, partition and offset
 * @param failures host replays that failed inside memreplay (a bug or the environment)
 * @param rejected rejected messages and events, in the hosts' rejects and in rejects of their own
 */
public record WorkerResult(List<HostOutcome> hosts, List<String> inputProblems, List<String> failures, long rejected) {}
