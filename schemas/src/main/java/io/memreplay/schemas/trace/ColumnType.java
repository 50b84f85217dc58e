package io.memreplay.schemas.trace;

import java.util.List;
import org.apache.avro.Schema;

/** How one Avro field is held in a column array. Nulls of optional columns are held as -1. */
public enum ColumnType {
  LONG(false),
  INT(false),
  /** An Avro enum, held as the symbol's ordinal in a {@code byte[]}. */
  ENUM(false),
  BOOLEAN(false),
  OPTIONAL_LONG(true),
  OPTIONAL_INT(true);

  private final boolean nullable;

  ColumnType(boolean nullable) {
    this.nullable = nullable;
  }

  public boolean nullable() {
    return nullable;
  }

  Object newArray(int capacity) {
    switch (this) {
      case LONG:
      case OPTIONAL_LONG:
        return new long[capacity];
      case INT:
      case OPTIONAL_INT:
        return new int[capacity];
      case ENUM:
        return new byte[capacity];
      case BOOLEAN:
        return new boolean[capacity];
      default:
        throw new AssertionError(this);
    }
  }

  static ColumnType of(Schema.Field field) {
    Schema schema = field.schema();
    if (schema.getType() == Schema.Type.UNION) {
      List<Schema> branches = schema.getTypes();
      if (branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL) {
        switch (branches.get(1).getType()) {
          case LONG:
            return OPTIONAL_LONG;
          case INT:
            return OPTIONAL_INT;
          default:
            break;
        }
      }
    } else {
      switch (schema.getType()) {
        case LONG:
          return LONG;
        case INT:
          return INT;
        case ENUM:
          return ENUM;
        case BOOLEAN:
          return BOOLEAN;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("field " + field.name() + " of type " + schema + " has no column form");
  }
}
