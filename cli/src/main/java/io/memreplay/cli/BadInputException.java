package io.memreplay.cli;

/** An input the user gave cannot be used; the message says what to fix. Exits with {@link ExitCode#BAD_INPUT}. */
public class BadInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
