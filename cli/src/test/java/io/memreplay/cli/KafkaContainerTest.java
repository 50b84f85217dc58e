package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Kafka path against the broker image docker-compose.yml runs, where Docker is available; skipped
 * (not failed) where it is not.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerTest {

  /** The image of docker-compose.yml's broker. */
  static final String IMAGE = "apache/kafka:4.1.0";

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer(IMAGE);

  @TempDir
  Path dir;

  @Test
  void aTracePublishedToTheOfficialImageReplaysFromIt() {
    Path trace = dir.resolve("trace");
    CommandLineRun.of("generate", "--out", trace, "--vms", 2, "--accesses", 20000, "--guest-mb", 16, "--duration", "1m")
        .expect(ExitCode.OK);
    CommandLineRun.of("publish", "--bootstrap", KAFKA.getBootstrapServers(), "--topic", "container", "--trace", trace)
        .expect(ExitCode.OK);
    CommandLineRun replayed = CommandLineRun.of("replay", "--kafka", KAFKA.getBootstrapServers(), "--topic", "container",
        "--group", "container", "--out", dir.resolve("results"), "--interval", "10s").expect(ExitCode.OK);
    assertTrue(replayed.out().contains("replayed 1 host from topic container"), replayed.out());
  }
}
