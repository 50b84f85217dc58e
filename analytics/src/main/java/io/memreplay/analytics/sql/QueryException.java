package io.memreplay.analytics.sql;

import java.sql.SQLException;
import java.util.Objects;

/** A statement DuckDB could not run. The message is DuckDB's own, followed by the statement itself. */
public final class QueryException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String query;

  QueryException(String query, SQLException cause) {
    super(Objects.requireNonNullElse(cause.getMessage(), cause.toString()).strip() + "\nQuery: " + query, cause);
    this.query = query;
  }

  public String query() {
    return query;
  }
}
