package io.memreplay.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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

  /** Fails with the captured output when the exit code is not {@code expected}. */
  CommandLineRun expect(ExitCode expected) {
    if (exitCode != expected.code()) {
      throw new AssertionError("expected exit " + expected.code() + " but got " + exitCode + "\n--- stdout\n" + out
          + "\n--- stderr\n" + err);
    }
    return this;
  }
}
