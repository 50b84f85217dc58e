package io.memreplay.schemas.kafka;

import io.memreplay.schemas.avro.TraceMessage;
import io.memreplay.schemas.trace.ColumnLayout.Column;
import io.memreplay.schemas.trace.Columns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes batch messages the way a producer without memreplay would: generic Avro records built from
 * the published schema, encoded by Avro's own encoders, framed as single-object encoding by hand.
 */
final class ForeignProducer {

  private ForeignProducer() {}

  /** The batch of {@code rows} as Avro's binary encoder writes it. */
  static byte[] batch(long sequence, Columns rows, boolean sliceEnd) throws IOException {
    return encode(message(sequence, rows, sliceEnd), false);
  }

  /** The same, with Avro's blocking encoder: arrays in several blocks, each with its byte size (negative counts). */
  static byte[] batchInBlocks(long sequence, Columns rows, boolean sliceEnd) throws IOException {
    return encode(message(sequence, rows, sliceEnd), true);
  }

  static byte[] frame(long fingerprint, byte[] body) {
    byte[] value = new byte[10 + body.length];
    value[0] = (byte) 0xC3;
    value[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      value[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    System.arraycopy(body, 0, value, 10, body.length);
    return value;
  }

  static GenericRecord message(long sequence, Columns rows, boolean sliceEnd) {
    Schema messageSchema = TraceMessage.getClassSchema();
    Schema batchSchema = messageSchema.getField("body").schema().getTypes().get(rows.kind().ordinal() + 1);
    GenericRecord batch = new GenericData.Record(batchSchema);
    batch.put("slice_end", sliceEnd);
    for (Column column : rows.kind().layout().columns()) {
      Object array = rows.array(column.index());
      Object value = switch (column.type()) {
        case LONG, OPTIONAL_LONG -> {
          List<Long> list = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            list.add(((long[]) array)[i]);
          }
          yield list;
        }
        case INT, OPTIONAL_INT -> {
          List<Integer> list = new ArrayList<>();
          for (int i = 0; i < rows.size(); i++) {
            list.add(((int[]) array)[i]);
          }
          yield list;
        }
        case ENUM -> ByteBuffer.wrap(((byte[]) array).clone(), 0, rows.size());
        case BOOLEAN -> {
          byte[] bytes = new byte[rows.size()];
          for (int i = 0; i < rows.size(); i++) {
            bytes[i] = (byte) (((boolean[]) array)[i] ? 1 : 0);
          }
          yield ByteBuffer.wrap(bytes);
        }
      };
      batch.put(column.name(), value);
    }
    GenericRecord message = new GenericData.Record(messageSchema);
    message.put("sequence", sequence);
    message.put("body", batch);
    return message;
  }

  private static byte[] encode(GenericRecord message, boolean blocking) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Encoder encoder = blocking
        ? new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(body, null)
        : EncoderFactory.get().binaryEncoder(body, null);
    new GenericDatumWriter<GenericRecord>(message.getSchema()).write(message, encoder);
    encoder.flush();
    return frame(TraceMessageCodec.FINGERPRINT, body.toByteArray());
  }
}
