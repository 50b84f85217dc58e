package io.memreplay.schemas.kafka;

import java.io.IOException;

/** A Kafka record value that is not a trace message this memreplay can read; the message says why. */
public class TraceMessageException extends IOException {
  private static final long serialVersionUID = 1L;

  public TraceMessageException(String message) {
    super(message);
  }

  public TraceMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
