package io.memreplay.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the shell blocks of the documentation in one folder, in order, as a reader would: {@code ./memreplay}
 * there is the command-line tool built from this module (its classes and runtime libraries, no separate
 * build), and each block runs in bash with {@code set -euo pipefail}, so a failing command fails it.
 *
 * <p>Rules, so that blocks run as written:
 * <ul>
 *   <li>{@code ./mvnw} lines are the build and the tests this runs inside of: left out.
 *   <li>{@code ./memreplay broker} starts the broker in the background, on a free port, for the rest of its
 *       block, where {@code 127.0.0.1:9092} stands for that port; it is stopped when the block ends.
 *   <li>A block of {@code docker} commands runs only where a Docker engine answers, in the repository (where
 *       the compose file is).
 * </ul>
 */
final class Walkthrough {

  private static final String BOOTSTRAP_VARIABLE = "MEMREPLAY_DOCS_BOOTSTRAP";
  private static final String DOCUMENTED_BOOTSTRAP = "127.0.0.1:9092";
  private static final long BLOCK_TIMEOUT_MIN = 15;

  final Path dir;
  private int scripts;

  Walkthrough(Path dir) throws IOException {
    this.dir = dir;
    writeLauncher();
  }

  /** What a block printed, stdout and stderr interleaved. */
  record Run(String script, String output) {}

  /** Runs a shell block; fails with the block's text and output when a command fails. */
  Run shell(String block) throws Exception {
    boolean docker = block.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .allMatch(line -> line.startsWith("docker "));
    String script = prepare(block);
    return run(script, docker ? ProjectDocs.ROOT : dir);
  }

  /** Whether a Docker engine answers here. */
  static boolean dockerAvailable() {
    try {
      Process docker = new ProcessBuilder("docker", "info").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return docker.waitFor(20, TimeUnit.SECONDS) && docker.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Writes {@code text} to the file {@code name} in the folder, as a reader saving a documented example. */
  void file(String name, String text) throws IOException {
    Path file = dir.resolve(name).normalize();
    assertTrue(file.startsWith(dir), name + " would be outside the walk-through's folder");
    Files.writeString(file, text);
  }

  /**
   * Checks that every line of {@code expected} appears in {@code output}: each on a line of its own, where
   * {@code ...} stands for any text.
   */
  static void requireLines(String expected, Run run) {
    List<String> printed = run.output().lines().map(String::strip).toList();
    List<String> missing = new ArrayList<>();
    for (String line : expected.lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
      Pattern pattern = Pattern.compile(Pattern.quote(line).replace("...", "\\E.*\\Q"));
      if (printed.stream().noneMatch(out -> pattern.matcher(out).matches())) {
        missing.add(line);
      }
    }
    if (!missing.isEmpty()) {
      fail("documented output missing:\n  " + String.join("\n  ", missing) + "\n--- script\n" + run.script()
          + "\n--- output\n" + run.output());
    }
  }

  private String prepare(String block) {
    List<String> lines = new ArrayList<>(List.of("set -euo pipefail"));
    boolean broker = false;
    for (String line : block.split("\n")) {
      String command = line.strip();
      if (command.startsWith("./mvnw")) {
        continue;
      }
      if (command.startsWith("./memreplay broker")) {
        broker = true;
        lines.add("./memreplay broker --port 0 > .broker.out 2> .broker.err &");
        lines.add("broker=$!");
        lines.add("trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null || true' EXIT");
        lines.add("for i in $(seq 1200); do [ -s .broker.out ] && break; kill -0 $broker || { cat .broker.err; exit 1; }; sleep 0.1; done");
        lines.add(BOOTSTRAP_VARIABLE + "=$(head -n 1 .broker.out)");
        continue;
      }
      lines.add(broker ? line.replace(DOCUMENTED_BOOTSTRAP, "$" + BOOTSTRAP_VARIABLE) : line);
    }
    return String.join("\n", lines) + "\n";
  }

  private Run run(String script, Path workDir) throws Exception {
    Path file = dir.resolve(".block-" + (++scripts) + ".sh");
    Files.writeString(file, script);
    Path log = dir.resolve(".block-" + scripts + ".log");
    Process process = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(BLOCK_TIMEOUT_MIN, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail("the block ran longer than " + BLOCK_TIMEOUT_MIN + " min:\n" + script);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), () -> "a documented command failed (exit " + process.exitValue() + ")\n--- script\n"
        + script + "--- output\n" + output);
    return new Run(script, output);
  }

  /** {@code ./memreplay} in the folder: this module's classes and its runtime libraries, as the launcher runs the jar. */
  private void writeLauncher() throws IOException {
    Path cli = ProjectDocs.ROOT.resolve("cli").resolve("target");
    Path libraries = cli.resolve("runtime-classpath.txt");
    assertTrue(Files.exists(libraries), libraries + " is missing: the build writes it before the tests (cli/pom.xml)");
    // the broker's libraries too: `broker` takes them from the class path here, from broker-lib/ when packaged
    Path brokerLibraries = cli.resolve("broker-classpath.txt");
    assertTrue(Files.exists(brokerLibraries), brokerLibraries + " is missing: the build writes it before the tests");
    String classPath = cli.resolve("classes") + java.io.File.pathSeparator + Files.readString(libraries).strip()
        + java.io.File.pathSeparator + Files.readString(brokerLibraries).strip();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path launcher = dir.resolve("memreplay");
    Files.writeString(launcher, "#!/usr/bin/env bash\nexec " + quote(java)
        + " ${MEMREPLAY_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -cp " + quote(classPath)
        + " io.memreplay.cli.Main \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
