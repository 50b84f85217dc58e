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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker engine): this checks what can be
 * checked without one. The compose file's structure, that its broker is the official image in KRaft mode,
 * that every memreplay command it runs is one this memreplay accepts, against the broker's own listener,
 * that the image copies what the build writes, and that its launcher passes the JVM options ./memreplay does.
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
    // the image formats its log folder with this id: it must be a Kafka UUID (base64 of 16 bytes)
    String clusterId = env.get("CLUSTER_ID").asText();
    assertEquals(clusterId, org.apache.kafka.common.Uuid.fromString(clusterId).toString());
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

  @Test
  void theImagesLauncherRunsJavaWithTheOptionsOfTheRepositorysLauncher(@TempDir Path dir) throws Exception {
    String dockerfile = Files.readString(REPOSITORY.resolve("Dockerfile"));
    assertTrue(dockerfile.contains("COPY cli/jvm.options /opt/memreplay/jvm.options"), dockerfile);
    // the script the image writes with printf, pointed at a copy of the options and a java that echoes
    Matcher printf = Pattern.compile("RUN printf '([^']*)'").matcher(dockerfile);
    assertTrue(printf.find(), dockerfile);
    Path opt = Files.createDirectories(dir.resolve("opt"));
    Files.copy(REPOSITORY.resolve("cli/jvm.options"), opt.resolve("jvm.options"));
    String script = printf.group(1).replace("\\n", "\n").replace("/opt/memreplay", opt.toString());
    Path launcher = Files.writeString(dir.resolve("memreplay"), script);
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    bin.resolve("java").toFile().setExecutable(true);
    ProcessBuilder run = new ProcessBuilder("sh", launcher.toString(), "replay", "--help").redirectErrorStream(true);
    run.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    run.environment().put("MEMREPLAY_JAVA_OPTS", "-Xmx3g");
    Process process = run.start();
    List<String> arguments = new String(process.getInputStream().readAllBytes()).lines().toList();
    assertEquals(0, process.waitFor());
    List<String> options = Files.readAllLines(REPOSITORY.resolve("cli/jvm.options")).stream()
        .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    assertTrue(options.contains("-XX:CompileThresholdScaling=3"), options.toString());
    List<String> expected = new ArrayList<>(options);
    expected.addAll(List.of("-Xmx3g", "--enable-native-access=ALL-UNNAMED", "-jar", opt + "/memreplay-cli.jar",
        "replay", "--help"));
    assertEquals(expected, arguments);
  }

  private static void parse(List<String> arguments) {
    // throws on an unknown command or option, or a missing required one
    Main.commandLine().parseArgs(arguments.toArray(String[]::new));
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }
}
