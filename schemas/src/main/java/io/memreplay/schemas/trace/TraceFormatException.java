package io.memreplay.schemas.trace;

import java.io.IOException;

/** A trace dataset or one of its files is not what memreplay can read; the message says what and where. */
public class TraceFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public TraceFormatException(String message) {
    super(message);
  }

  public TraceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
