package io.memreplay.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the {@code memreplay} command line in-process, with its exit code and captured output. */
record CommandLineRun(int exitCode, String out, String err) {

  static CommandLineRun of(Object... args) {
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = String.valueOf(args[i]);
    }
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(strings);
      return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  /**
   * Generates the tests' small trace into {@code out}: 2 VMs of 16 MB, 20,000 accesses over a minute (the
   * default seed unless {@code extra} gives another, with any other generate options).
   */
  static void generateSmallTrace(Path out, Object... extra) {
    List<Object> args = new ArrayList<>(List.of("generate", "--out", out, "--vms", 2, "--accesses", 20000, "--guest-mb", 16,
        "--duration", "1m"));
    args.addAll(List.of(extra));
    of(args.toArray()).expect(ExitCode.OK);
  }

  /** Fails with the captured output when the exit code is not {@code expected}. */
  CommandLineRun expect(ExitCode expected) {
    if (exitCode != expected.code()) {
      throw new AssertionError("expected exit " + expected.code() + " but got " + exitCode + "\n--- stdout\n" + out
          + "\n--- stderr\n" + err);
    }
    return this;
  }
}
