package io.memreplay.schemas.results;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds records of one Avro schema from values given by position in a fixed list of column names. The
 * names are matched to the schema's fields once, when the mapper is made: a column the schema lacks, or a
 * field without a default that no column fills, is an error then, not at the first row. Numbers are
 * converted to the field's type where that loses nothing (an int count into a long field).
 *
 * @param <T> the generated record class of the schema
 */
public final class RecordMapper<T extends SpecificRecord> {

  private final Supplier<T> newRecord;
  private final Schema schema;
  private final List<String> columns;
  private final int[] fieldOf;
  private final Schema.Type[] typeOf;
  private final boolean[] nullable;
  /** The fields no column fills, and their defaults: a record gets these and its columns' values. */
  private final int[] defaultedFields;
  private final Object[] defaults;

  /** @param newRecord a new empty record of the schema, e.g. {@code VmInterval::new} */
  public RecordMapper(Supplier<T> newRecord, List<String> columns) {
    this.newRecord = newRecord;
    this.schema = newRecord.get().getSchema();
    this.columns = List.copyOf(columns);
    this.fieldOf = new int[columns.size()];
    this.typeOf = new Schema.Type[columns.size()];
    this.nullable = new boolean[columns.size()];
    boolean[] filled = new boolean[schema.getFields().size()];
    for (int i = 0; i < fieldOf.length; i++) {
      Schema.Field field = schema.getField(columns.get(i));
      if (field == null) {
        throw new IllegalArgumentException(schema.getName() + " has no field '" + columns.get(i) + "' (columns: " + columns + ")");
      }
      fieldOf[i] = field.pos();
      filled[field.pos()] = true;
      Schema type = field.schema();
      if (type.getType() == Schema.Type.UNION) {
        nullable[i] = type.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
        type = type.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
      }
      typeOf[i] = type.getType();
    }
    List<Schema.Field> unfilled = schema.getFields().stream().filter(field -> !filled[field.pos()]).toList();
    this.defaultedFields = new int[unfilled.size()];
    this.defaults = new Object[unfilled.size()];
    for (int k = 0; k < defaultedFields.length; k++) {
      Schema.Field field = unfilled.get(k);
      if (!field.hasDefaultValue()) {
        throw new IllegalArgumentException(schema.getName() + "." + field.name() + " has no default and no column fills it");
      }
      defaultedFields[k] = field.pos();
      // Avro caches a field's default: every record gets this same value, as it did asking per record
      defaults[k] = SpecificData.get().getDefaultValue(field);
    }
  }

  /** The record whose column {@code i} holds {@code values.apply(i)}; fields no column fills take their defaults. */
  public T record(IntFunction<Object> values) {
    T record = newRecord.get();
    for (int k = 0; k < defaultedFields.length; k++) {
      record.put(defaultedFields[k], defaults[k]);
    }
    for (int i = 0; i < fieldOf.length; i++) {
      record.put(fieldOf[i], convert(i, values.apply(i)));
    }
    return record;
  }

  private Object convert(int column, Object value) {
    if (value == null) {
      if (!nullable[column]) {
        throw new IllegalArgumentException(schema.getName() + "." + columns.get(column) + " cannot be null");
      }
      return null;
    }
    switch (typeOf[column]) {
      case LONG:
        return ((Number) value).longValue();
      case INT: {
        long number = ((Number) value).longValue();
        if (number != (int) number) {
          throw new IllegalArgumentException(schema.getName() + "." + columns.get(column) + " does not fit an int: " + number);
        }
        return (int) number;
      }
      case DOUBLE:
        return ((Number) value).doubleValue();
      case FLOAT:
        return ((Number) value).floatValue();
      case STRING:
        return value.toString();
      default:
        return value;
    }
  }
}
