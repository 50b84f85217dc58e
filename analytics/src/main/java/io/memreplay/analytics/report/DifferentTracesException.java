package io.memreplay.analytics.report;

/** Results that were to be compared hold runs of different traces; the message names each folder's. */
public final class DifferentTracesException extends Exception {

  private static final long serialVersionUID = 1L;

  DifferentTracesException(String message) {
    super(message);
  }
}
