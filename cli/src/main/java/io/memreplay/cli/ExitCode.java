package io.memreplay.cli;

/** What the {@code memreplay} command's exit status means. Scripts may rely on these values. */
public enum ExitCode {
  /** The command did what it was asked. */
  OK(0),
  /** Something went wrong inside memreplay: a bug or an environment problem; stderr has the details. */
  FAILURE(1),
  /** The command line is wrong: unknown option, missing argument, bad value. */
  USAGE(2),
  /** An input (trace, scenario, policy, results folder, SQL) cannot be used; stderr says which and why. */
  BAD_INPUT(3),
  /** With {@code --strict}: the replay finished but some input records were rejected. */
  REJECTS(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
