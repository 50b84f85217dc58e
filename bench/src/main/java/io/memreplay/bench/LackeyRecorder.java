package io.memreplay.bench;

import io.memreplay.schemas.parquet.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Records a program's memory accesses with valgrind's lackey ({@code --tool=lackey --trace-mem=yes}) into a
 * log, for the benchmarks that run on real program traces. The log appears under its name only once
 * complete, so an interrupted recording is never taken for a trace.
 */
final class LackeyRecorder {

  private static final long TIMEOUT_MINUTES = 10;

  private LackeyRecorder() {}

  /** Runs {@code program} (its command line) under lackey, writing valgrind's log to {@code log}. */
  static void record(List<String> program, Path log) throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Path temporary = AtomicFiles.temporaryFor(log);
    List<String> command = new ArrayList<>(List.of("valgrind", "--tool=lackey", "--trace-mem=yes",
        "--log-file=" + temporary));
    command.addAll(program);
    System.err.println("Recording a program trace (a minute or so; later runs reuse it): " + String.join(" ", command));
    Process valgrind;
    try {
      valgrind = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IOException("could not start valgrind (install it, or put a lackey log at " + log + "): "
          + e.getMessage(), e);
    }
    if (!valgrind.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      valgrind.destroyForcibly();
      throw new IOException("valgrind took more than " + TIMEOUT_MINUTES + " minutes recording " + log);
    }
    if (valgrind.exitValue() != 0) {
      throw new IOException("valgrind exited with status " + valgrind.exitValue() + " recording " + log
          + "; see its output above");
    }
    AtomicFiles.publish(temporary, log);
  }
}
