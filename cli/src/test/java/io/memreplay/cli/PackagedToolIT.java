package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tool (target/memreplay-cli.jar with target/lib/), run as users run it, in JVMs of its own:
 * the Kafka broker's jars are not on its class path, every other command works without them, and
 * {@code broker} loads them from target/broker-lib/ and serves the tool's own publish and replay.
 */
class PackagedToolIT {

  private static final Path TARGET = Path.of("target");
  private static final Path JAR = TARGET.resolve("memreplay-cli.jar");
  /** Jars that only the broker needs. */
  private static final List<String> BROKER_ONLY = List.of("kafka_2.13-", "kafka-server-", "kafka-raft-", "scala-library-",
      "scala-reflect-", "log4j-core-", "memreplay-broker-");
  private static final long TIMEOUT_SECONDS = 180;

  @TempDir
  Path dir;

  @Test
  void theBrokersJarsAreInBrokerLibAndNotOnTheClassPath() throws Exception {
    List<String> brokerLib = names(TARGET.resolve(BrokerJars.FOLDER));
    List<String> classPath;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      classPath = List.of(jar.getManifest().getMainAttributes().getValue("Class-Path").split(" "));
    }
    // the manifest, not lib/: a build of the old layout may have left the broker's jars in lib/, unused
    for (String prefix : BROKER_ONLY) {
      assertTrue(brokerLib.stream().anyMatch(name -> name.startsWith(prefix)), prefix + " in broker-lib: " + brokerLib);
      assertFalse(classPath.stream().anyMatch(entry -> entry.startsWith("lib/" + prefix)),
          prefix + " not on the class path: " + classPath);
    }
    assertTrue(classPath.stream().anyMatch(entry -> entry.startsWith("lib/kafka-clients-")), "the client stays: " + classPath);
    for (String entry : classPath) {
      assertTrue(Files.isRegularFile(TARGET.resolve(entry)), entry + " is there");
    }
  }

  @Test
  void everyCommandButBrokerRunsWithoutTheBrokersJarsAndBrokerServesTheTool() throws Exception {
    Path trace = dir.resolve("trace");
    tool("generate", "--out", trace, "--vms", 2, "--accesses", 20000, "--guest-mb", 16, "--duration", "1m");
    tool("inspect", "--trace", trace);
    tool("replay", "--trace", trace, "--out", dir.resolve("results"), "--interval", "10s");
    assertTrue(tool("report", "--results", dir.resolve("results")).contains("memreplay summary: 1 run"));
    tool("policies");

    Process broker = start("broker", "--port", 0, "--json");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder document = new StringBuilder();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        document.append(line).append('\n');
        if (line.equals("}")) {
          break;
        }
      }
      JsonNode started = new ObjectMapper().readTree(document.toString());
      String bootstrap = started.get("bootstrap").asText();
      Path logs = Path.of(started.get("data").asText());
      assertTrue(Files.isDirectory(logs), document.toString());
      tool("publish", "--bootstrap", bootstrap, "--topic", "packaged", "--partitions", 1, "--trace", trace);
      JsonNode replayed = new ObjectMapper().readTree(tool("replay", "--kafka", bootstrap, "--topic", "packaged",
          "--out", dir.resolve("kafka-results"), "--interval", "10s", "--json"));
      assertEquals(20000, replayed.get("accesses").asLong(), replayed.toString());

      broker.destroy();
      assertTrue(broker.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "the broker stops on SIGTERM");
      assertFalse(Files.exists(logs), "its temporary log folder is deleted");
    } finally {
      broker.destroyForcibly();
    }
  }

  /** Runs the packaged tool to the end and returns its stdout; it must exit 0. */
  private String tool(Object... args) throws IOException, InterruptedException {
    Process process = start(args);
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "finished: " + List.of(args));
    assertEquals(0, process.exitValue(), List.of(args) + ":\n" + Files.readString(dir.resolve("stderr.log")));
    return new String(out, StandardCharsets.UTF_8);
  }

  private Process start(Object... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toAbsolutePath().toString()));
    for (Object arg : args) {
      command.add(String.valueOf(arg));
    }
    return new ProcessBuilder(command).redirectError(dir.resolve("stderr.log").toFile()).start();
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
