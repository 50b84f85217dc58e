package io.memreplay.bench;

import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.trace.ColumnLayout.Column;
import io.memreplay.schemas.trace.Columns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The trace topic's batch bodies read and written with Avro's own {@code BinaryDecoder} and {@code
 * BinaryEncoder}, column by column into the same primitive arrays: the baseline of memreplay's hand-written
 * {@code AvroBinaryReader} and {@code AvroBinaryWriter}, which {@link KafkaCodecBenchmark} checks gives the
 * same bytes and columns before it measures. Checks nothing a corrupt message could break (the hand-written
 * reader bounds every read): its advantage.
 */
final class AvroLibraryCodec {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
  private BinaryEncoder encoder;
  private BinaryDecoder decoder;
  private ByteBuffer buffer;

  /** The batch message of rows {@code [from, from + count)} of {@code rows}, as {@code TraceMessageCodec.batch}. */
  byte[] encode(byte[] header, long sequence, Columns rows, int from, int count) throws IOException {
    bytes.reset();
    bytes.write(header);
    encoder = EncoderFactory.get().binaryEncoder(bytes, encoder);
    encoder.writeLong(sequence);
    encoder.writeInt(rows.kind().ordinal() + 1);
    encoder.writeBoolean(false);
    for (Column column : rows.kind().layout().columns()) {
      Object array = rows.array(column.index());
      switch (column.type()) {
        case LONG, OPTIONAL_LONG -> {
          long[] values = (long[]) array;
          writeArrayStart(count);
          for (int i = from; i < from + count; i++) {
            encoder.startItem();
            encoder.writeLong(values[i]);
          }
          encoder.writeArrayEnd();
        }
        case INT, OPTIONAL_INT -> {
          int[] values = (int[]) array;
          writeArrayStart(count);
          for (int i = from; i < from + count; i++) {
            encoder.startItem();
            encoder.writeInt(values[i]);
          }
          encoder.writeArrayEnd();
        }
        case ENUM -> encoder.writeBytes((byte[]) array, from, count);
        case BOOLEAN -> {
          boolean[] values = (boolean[]) array;
          byte[] asBytes = new byte[count];
          for (int i = 0; i < count; i++) {
            asBytes[i] = (byte) (values[from + i] ? 1 : 0);
          }
          encoder.writeBytes(asBytes);
        }
        default -> throw new AssertionError(column.type());
      }
    }
    encoder.flush();
    return bytes.toByteArray();
  }

  private void writeArrayStart(int count) throws IOException {
    encoder.writeArrayStart();
    encoder.setItemCount(count);
  }

  /** Appends the rows of a batch message to {@code target}, as {@code TraceMessageCodec.readBatch}. */
  void decode(byte[] value, TraceMessageCodec.Header header, Columns target) throws IOException {
    decoder = DecoderFactory.get().binaryDecoder(value, header.bodyOffset(), value.length - header.bodyOffset(), decoder);
    decoder.readBoolean();
    int from = target.size();
    int rows = 0;
    for (Column column : target.kind().layout().columns()) {
      Object array = target.array(column.index());
      int at = from;
      switch (column.type()) {
        case LONG, OPTIONAL_LONG -> {
          long[] values = (long[]) array;
          for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
            for (long i = 0; i < n; i++) {
              values[at++] = decoder.readLong();
            }
          }
        }
        case INT, OPTIONAL_INT -> {
          int[] values = (int[]) array;
          for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
            for (long i = 0; i < n; i++) {
              values[at++] = decoder.readInt();
            }
          }
        }
        case ENUM -> {
          buffer = decoder.readBytes(buffer);
          int n = buffer.remaining();
          buffer.get((byte[]) array, at, n);
          at += n;
        }
        case BOOLEAN -> {
          buffer = decoder.readBytes(buffer);
          boolean[] values = (boolean[]) array;
          while (buffer.hasRemaining()) {
            values[at++] = buffer.get() == 1;
          }
        }
        default -> throw new AssertionError(column.type());
      }
      rows = at - from;
    }
    target.setSize(from + rows);
  }
}
