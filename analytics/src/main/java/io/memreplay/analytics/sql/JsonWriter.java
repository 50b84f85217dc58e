package io.memreplay.analytics.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Query results as a JSON array with one object per row, keyed by column label. Numbers and booleans
 * keep their JSON types, NULL is {@code null}, anything else (dates, lists) is its text.
 */
final class JsonWriter {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private JsonWriter() {}

  static long write(ResultSet rows, PrintStream out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    long count = 0;
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      // Jackson's own layout, with '\n' rather than the platform's line end, like the other formats.
      json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
      json.writeStartArray();
      while (rows.next()) {
        json.writeStartObject();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          json.writeFieldName(meta.getColumnLabel(i));
          writeValue(json, rows.getObject(i));
        }
        json.writeEndObject();
        count++;
      }
      json.writeEndArray();
      json.writeRaw('\n');
    } catch (IOException e) {
      // A PrintStream does not throw; this is Jackson refusing to write, which is a bug here.
      throw new UncheckedIOException(e);
    }
    return count;
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof BigDecimal decimal) {
      json.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      json.writeNumber(integer);
    } else if (value instanceof Double real) {
      json.writeNumber(real);
    } else if (value instanceof Float real) {
      json.writeNumber(real);
    } else if (value instanceof Number number) {
      json.writeNumber(number.longValue());
    } else {
      json.writeString(value.toString());
    }
  }
}
