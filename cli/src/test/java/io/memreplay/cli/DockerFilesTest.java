package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker engine): this checks what can be
 * checked without one. The compose file's structure, that its broker is the official image in KRaft mode,
 * that every memreplay command it runs is one this memreplay accepts, against the broker's own listener,
 * and that the image copies what the build writes.
 */
class DockerFilesTest {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theComposeFileRunsTheOfficialKafkaImageInKraftModeAndWorkersAgainstIt() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(REPOSITORY.resolve("docker-compose.yml").toFile());
    JsonNode services = compose.get("services");
    JsonNode kafka = services.get("kafka");
    assertEquals(KafkaContainerTest.IMAGE, kafka.get("image").asText(), "the image the Testcontainers test uses");
    JsonNode env = kafka.get("environment");
    assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES").asText(), "KRaft, one node");
    assertEquals("1@kafka:9093", env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText());
    assertEquals("1", env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText(), "one node: groups need RF 1");
    String internal = Arrays.stream(env.get("KAFKA_ADVERTISED_LISTENERS").asText().split(","))
        .filter(listener -> listener.startsWith("INTERNAL://")).findFirst().orElseThrow().substring("INTERNAL://".length());

    JsonNode worker = services.get("worker");
    assertEquals(".", worker.get("build").asText(), "the worker image is built from the repository's Dockerfile");
    List<String> command = strings(worker.get("command"));
    parse(command);
    assertEquals(internal, command.get(command.indexOf("--kafka") + 1));
    assertTrue(command.contains("--follow"), "workers wait for traces");

    String script = strings(services.get("publish").get("command")).get(0);
    int memreplayCommands = 0;
    for (String step : script.split("&&")) {
      List<String> words = new ArrayList<>(Arrays.asList(step.trim().split("\\s+")));
      assertEquals("memreplay", words.remove(0), step);
      parse(words);
      if (words.get(0).equals("publish")) {
        assertEquals(internal, words.get(words.indexOf("--bootstrap") + 1));
        assertEquals(command.get(command.indexOf("--topic") + 1), words.get(words.indexOf("--topic") + 1));
      }
      memreplayCommands++;
    }
    assertEquals(3, memreplayCommands, "two traces generated, then published");
  }

  @Test
  void theImageCopiesTheJarAndLibrariesTheBuildWrites() throws Exception {
    String dockerfile = Files.readString(REPOSITORY.resolve("Dockerfile"));
    String pom = Files.readString(REPOSITORY.resolve("cli/pom.xml"));
    assertTrue(pom.contains("<finalName>memreplay-cli</finalName>"), "the jar the Dockerfile copies");
    assertTrue(pom.contains("<outputDirectory>${project.build.directory}/lib</outputDirectory>"), "the libraries it copies");
    assertTrue(dockerfile.contains("COPY --from=build /src/cli/target/memreplay-cli.jar "), dockerfile);
    assertTrue(dockerfile.contains("COPY --from=build /src/cli/target/lib/ "), dockerfile);
    assertTrue(dockerfile.contains("-pl cli -am package"), "builds what it copies");
    assertTrue(dockerfile.contains("ENTRYPOINT [\"memreplay\"]"), dockerfile);
  }

  private static void parse(List<String> arguments) {
    // throws on an unknown command or option, or a missing required one
    new CommandLine(new Main()).parseArgs(arguments.toArray(String[]::new));
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }
}
