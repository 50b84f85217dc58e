package io.memreplay.cli;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.ingest.kafka.TracePublisher;
import io.memreplay.ingest.kafka.TraceTopics;
import io.memreplay.schemas.trace.TraceDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code memreplay publish}: trace datasets to a Kafka topic, one host per dataset. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Publishes trace datasets to a Kafka topic in the trace topic format (docs/kafka.md 'Kafka topic format').",
        "Each dataset is one host (the manifest's host, the record key); hosts go out one after the other, each in time order."})
final class PublishCommand implements Callable<Integer> {

  @Option(names = "--trace", required = true, paramLabel = "DIR",
      description = "a trace folder; repeat for several hosts (their manifests' hosts must differ)")
  List<Path> traces;

  @Option(names = "--scenario", paramLabel = "FILE",
      description = "the scenario to send with every trace; default: scenario.yaml in each trace folder")
  Path scenario;

  @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka's bootstrap servers")
  String bootstrap;

  @Option(names = "--topic", required = true, description = "the trace topic, created if it does not exist")
  String topic;

  @Option(names = "--partitions", defaultValue = "4",
      description = "partitions of the topic when it is created (default: ${DEFAULT-VALUE}); hosts spread over them by key")
  int partitions;

  @Mixin
  JsonOption json;

  /** What {@code publish --json} prints: the topic, each host published, and the rates. */
  record PublishedTopic(String bootstrap, String topic, int partitions, double seconds, long accesses, long bytes,
      double accessesPerSecond, double bytesPerSecond, List<TracePublisher.Published> hosts) {}

  @Mixin
  KafkaTimeout timeout;

  @Override
  public Integer call() throws Exception {
    if (partitions < 1) {
      throw new BadInputException("--partitions must be at least 1, was " + partitions);
    }
    List<TraceDataset> datasets = new ArrayList<>();
    List<String> scenarios = new ArrayList<>();
    Map<String, Path> hosts = new HashMap<>();
    long events = 0;
    for (Path trace : traces) {
      TraceDataset dataset = ReplayCommand.open(trace);
      Path earlier = hosts.put(dataset.manifest().host(), trace);
      if (earlier != null) {
        throw new BadInputException(trace + " and " + earlier + " are both host '" + dataset.manifest().host()
            + "'; a topic holds one trace per host at a time");
      }
      datasets.add(dataset);
      scenarios.add(scenarioYaml(trace));
      events += dataset.manifest().totalEvents();
    }
    json.print(publish(datasets, scenarios, events, json.human()));
    return ExitCode.OK.code();
  }

  private PublishedTopic publish(List<TraceDataset> datasets, List<String> scenarios, long totalEvents,
      PrintStream stdout) throws IOException {
    Duration timeout = this.timeout.duration();
    int topicPartitions = TraceTopics.ensure(bootstrap, topic, partitions, timeout);
    long started = System.nanoTime();
    long accesses = 0;
    long bytes = 0;
    List<TracePublisher.Published> hosts = new ArrayList<>();
    try (TracePublisher publisher = new TracePublisher(bootstrap, topic,
            Map.of("max.block.ms", (int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        Progress progress = Progress.start("publish", totalEvents, "events")) {
      for (int i = 0; i < datasets.size(); i++) {
        long hostStarted = System.nanoTime();
        long[] reported = {0};
        TracePublisher.Published published = publisher.publish(datasets.get(i), scenarios.get(i), sent -> {
          progress.step(sent - reported[0]);
          reported[0] = sent;
        });
        hosts.add(published);
        accesses += published.accesses();
        bytes += published.bytes();
        stdout.printf("Published host %s (trace %s) to %s partition %d: %,d messages, %,d events, %.1f MB in %.1f s.%n",
            published.host(), published.traceId(), topic, published.partition(), published.messages(), published.events(),
            published.bytes() / 1e6, (System.nanoTime() - hostStarted) / 1e9);
        if (published.unpublishedRows() > 0) {
          stdout.printf("  %,d rows of the trace were not published: they cannot be replayed (memreplay inspect --trace %s shows why).%n",
              published.unpublishedRows(), datasets.get(i).dir());
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    stdout.printf("Published %d %s to topic %s (%d partitions) in %.1f s: %.2f M accesses/s, %.0f MB/s.%n",
        datasets.size(), datasets.size() == 1 ? "host" : "hosts", topic, topicPartitions, seconds,
        accesses / seconds / 1e6, bytes / seconds / 1e6);
    stdout.printf("Replay it with: memreplay replay --kafka %s --topic %s --group GROUP --out DIR%n", bootstrap, topic);
    return new PublishedTopic(bootstrap, topic, topicPartitions, seconds, accesses, bytes, accesses / seconds,
        bytes / seconds, hosts);
  }

  /** The scenario text to carry in the start marker; null when there is none (the replay then needs --scenario). */
  private String scenarioYaml(Path trace) throws BadInputException {
    Path file = scenario != null ? scenario : trace.resolve(Inputs.SCENARIO_FILE);
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (NoSuchFileException e) {
      if (scenario != null) {
        throw new BadInputException(file + ": no such scenario file");
      }
      System.err.println("memreplay publish: " + trace + " has no " + Inputs.SCENARIO_FILE
          + "; its start marker carries no scenario, so replay --kafka will need --scenario");
      return null;
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
    try {
      ConfigYaml.scenario(yaml, file.toString());
    } catch (ConfigException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    return yaml;
  }
}
