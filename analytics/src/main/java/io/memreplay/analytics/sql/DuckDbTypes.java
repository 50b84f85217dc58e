package io.memreplay.analytics.sql;

import org.apache.avro.Schema;

/**
 * The DuckDB column type that DuckDB reads from a Parquet column written for an Avro field, so that a
 * view over no files has the same types as a view over files.
 */
final class DuckDbTypes {

  private DuckDbTypes() {}

  static String of(Schema schema) {
    if (schema.getLogicalType() != null) {
      // Logical types (timestamps, decimals) change what DuckDB reads; no result schema uses one yet.
      throw new IllegalArgumentException("no DuckDB type mapping for the logical type of " + schema);
    }
    return switch (schema.getType()) {
      case UNION -> of(nonNullBranch(schema));
      case STRING, ENUM -> "VARCHAR";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case BOOLEAN -> "BOOLEAN";
      case BYTES, FIXED -> "BLOB";
      default -> throw new IllegalArgumentException("no DuckDB type mapping for " + schema);
    };
  }

  /** The type of an optional field, {@code ["null", T]}. */
  private static Schema nonNullBranch(Schema union) {
    var branches = union.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).toList();
    if (branches.size() != 1) {
      throw new IllegalArgumentException("only optional unions [null, T] map to a DuckDB type, not " + union);
    }
    return branches.get(0);
  }
}
