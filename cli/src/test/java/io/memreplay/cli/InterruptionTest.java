package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command stopped by SIGTERM (or Ctrl-C, which the JVM handles alike) in the middle of its writes. */
class InterruptionTest {

  @TempDir
  Path dir;

  @Test
  void aStoppedGenerateSaysSoInOneLineLeavesNoFileBehindAndTheSameCommandThenSucceeds() throws Exception {
    Path trace = dir.resolve("trace");
    File err = dir.resolve("stderr.txt").toFile();
    ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        // more accesses than it could write before the test stops it
        "generate", "--out", trace.toString(), "--vms", "2", "--guest-mb", "16", "--accesses", "1000000000000");
    java.environment().remove(Main.DEBUG_VARIABLE);
    Process generate = java.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err).start();
    Path writing = trace.resolve("accesses/.part-00000.parquet.tmp");
    while (!Files.exists(writing)) {
      assertTrue(generate.isAlive(), () -> "generate ended before it was stopped: " + read(err));
      Thread.sleep(10);
    }

    generate.destroy();

    assertTrue(generate.waitFor(60, TimeUnit.SECONDS));
    assertEquals(143, generate.exitValue(), read(err));
    List<String> said = read(err).lines().filter(line -> !line.contains(" INFO ")).toList();
    assertEquals(List.of("memreplay generate: interrupted before it finished; nothing unfinished was published, and its"
        + " temporary files are deleted"), said);
    try (Stream<Path> left = Files.walk(trace)) {
      assertFalse(left.anyMatch(file -> file.getFileName().toString().endsWith(".tmp")
          || file.getFileName().toString().equals("manifest.json")), "a temporary file or a manifest was left");
    }
    CommandLineRun.generateSmallTrace(trace);
  }

  private static String read(File file) {
    try {
      return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "(" + e + ")";
    }
  }
}
