package io.memreplay.ingest.kafka;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.replay.Replay;
import io.memreplay.engine.replay.ReplayLimits;
import io.memreplay.engine.replay.ReplayOptions;
import io.memreplay.engine.replay.ReplayProgress;
import io.memreplay.ingest.generate.GeneratorSpec;
import io.memreplay.ingest.generate.TraceGenerator;
import io.memreplay.ingest.parquet.ParquetTraceSource;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Generated host traces, their Parquet replays, and the settings the Kafka tests replay them with. */
final class KafkaTraces {

  /** Two on each of two partitions under Kafka's default partitioner (murmur2 of the key). */
  static final List<String> HOSTS = List.of("esx-01", "esx-02", "esx-03", "esx-04");
  static final ReplayOptions OPTIONS = new ReplayOptions(TimeUnit.SECONDS.toNanos(10),
      new long[] {TimeUnit.SECONDS.toNanos(5), TimeUnit.SECONDS.toNanos(20)}, 1);

  private KafkaTraces() {}

  static List<Policy> policies() throws ConfigException {
    return List.of(Policies.builtIn(Policies.ESXI_DEFAULT), Policies.builtIn("esxi-share-all"));
  }

  /** One small trace per host, seeded differently, in {@code dir/<host>}. */
  static List<Path> generate(Path dir, List<String> hosts, long accesses) throws IOException {
    List<Path> traces = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      Path trace = dir.resolve(hosts.get(i));
      TraceGenerator.generate(new GeneratorSpec(2, accesses, 10 + i, 16, TimeUnit.MINUTES.toNanos(2), hosts.get(i)),
          trace, written -> {});
      traces.add(trace);
    }
    return traces;
  }

  static String scenarioYaml(Path trace) throws IOException {
    return Files.readString(trace.resolve(TraceGenerator.SCENARIO_FILE));
  }

  /**
   * What a Parquet replay of each trace, verified in full, writes: the rows the Kafka replays must equal (a
   * trace verified in full has the run ids a Kafka replay of it has).
   */
  static RecordingResults parquetReplays(List<Path> traces) throws Exception {
    RecordingResults results = new RecordingResults();
    for (Path trace : traces) {
      ParquetTraceSource source = new ParquetTraceSource(TraceDataset.open(trace, Verification.FULL, bytes -> {}));
      Scenario scenario = ConfigYaml.scenario(scenarioYaml(trace), "scenario.yaml");
      new Replay(source, scenario, policies(), OPTIONS,
          results.open(Replay.replayId(source.info(), scenario, OPTIONS)), ReplayProgress.NONE).run();
    }
    return results;
  }

  static void publish(String bootstrap, String topic, int partitions, List<Path> traces) throws IOException {
    TraceTopics.ensure(bootstrap, topic, partitions);
    try (TracePublisher publisher = new TracePublisher(bootstrap, topic, Map.of())) {
      for (Path trace : traces) {
        publisher.publish(TraceDataset.open(trace), scenarioYaml(trace), events -> {});
      }
    }
  }

  static WorkerSettings settings(String bootstrap, String topic, String group, boolean follow, String dlq,
      Map<String, Object> consumer) throws ConfigException {
    return new WorkerSettings(bootstrap, topic, group, policies(), OPTIONS,
        ReplayLimits.of(ReplayLimits.DEFAULT_MAX_INTERVALS), null, follow, dlq, consumer);
  }
}
