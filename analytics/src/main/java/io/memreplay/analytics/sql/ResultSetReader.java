package io.memreplay.analytics.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns the rows of a query into a value, while the result set is still open. */
@FunctionalInterface
public interface ResultSetReader<T> {

  T read(ResultSet rows) throws SQLException;
}
