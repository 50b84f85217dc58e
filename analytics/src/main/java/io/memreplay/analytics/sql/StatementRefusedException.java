package io.memreplay.analytics.sql;

/** A statement that is not a query, given to a read-only database; the message says what to do instead. */
public final class StatementRefusedException extends Exception {

  private static final long serialVersionUID = 1L;

  StatementRefusedException(String message) {
    super(message);
  }
}
