package io.memreplay.cli;

/**
 * The command line is wrong, found by code below the command, which has no picocli {@code CommandLine} to
 * throw a {@code ParameterException} with (an inline {@code --sweep} that does not expand). Reported like
 * picocli's own usage errors, with {@link ExitCode#USAGE}.
 */
public class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
