package io.memreplay.ingest.kafka;

import java.io.IOException;

/** Kafka could not be reached or refused a request; the message names the broker or topic and the cause. */
public final class KafkaUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
