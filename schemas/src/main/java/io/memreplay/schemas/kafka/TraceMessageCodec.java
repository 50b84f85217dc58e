package io.memreplay.schemas.kafka;

import io.memreplay.schemas.avro.TraceEnd;
import io.memreplay.schemas.avro.TraceMessage;
import io.memreplay.schemas.avro.TraceStart;
import io.memreplay.schemas.parquet.TrustedRecords;
import io.memreplay.schemas.trace.ColumnLayout.Column;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * The values of a trace topic's records: a {@code TraceMessage} ({@code schemas/src/main/avro/TraceMessage.avsc})
 * in Avro single-object encoding, so that each value names its schema by fingerprint. Batches are encoded
 * and decoded here column by column, with exactly the bytes Avro's own encoder writes for the generated
 * classes, so any Avro library can produce or read them; start and end markers go through the generated
 * classes.
 */
public final class TraceMessageCodec {

  /** Single-object encoding's marker bytes, before the fingerprint. */
  private static final byte MAGIC_0 = (byte) 0xC3;
  private static final byte MAGIC_1 = 0x01;
  /** Marker plus the 8-byte fingerprint. */
  private static final int HEADER_BYTES = 10;

  /** CRC-64-AVRO of the parsing canonical form of {@code TraceMessage}: the only schema this version reads. */
  public static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(TraceMessage.getClassSchema());

  /** Union branches of {@code TraceMessage.body}: the start marker, one batch per record kind, the end marker. */
  private static final int START_BRANCH = 0;
  private static final int END_BRANCH = RecordKind.values().length + 1;

  static {
    TrustedRecords.install();
  }

  private static final BinaryMessageEncoder<TraceMessage> MARKER_ENCODER = TraceMessage.getEncoder();
  private static final BinaryMessageDecoder<TraceMessage> MARKER_DECODER = TraceMessage.getDecoder();

  private TraceMessageCodec() {}

  /** What a message is, read from its first bytes without decoding the body. */
  public enum Type { START, BATCH, END }

  /**
   * The fixed part of a message.
   *
   * @param sequence the per-host message number
   * @param kind for a batch, its record kind; else null
   * @param bodyOffset where the body's fields start
   */
  public record Header(long sequence, Type type, RecordKind kind, int bodyOffset) {}

  /** The fingerprint as people see it in messages: 16 hex digits, as it appears on the wire (little-endian). */
  public static String describeFingerprint(long fingerprint) {
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (fingerprint >>> (8 * i));
    }
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Reads the marker, fingerprint, sequence number and body type.
   *
   * @throws TraceMessageException when the value is not a single-object encoded message, names another schema,
   *     or is cut short
   */
  public static Header readHeader(byte[] value) throws TraceMessageException {
    if (value == null) {
      throw new TraceMessageException("the record has no value");
    }
    if (value.length < HEADER_BYTES || value[0] != MAGIC_0 || value[1] != MAGIC_1) {
      throw new TraceMessageException("not an Avro single-object encoded message (it must start with bytes C3 01 "
          + "and an 8-byte schema fingerprint; this value has " + value.length + " bytes)");
    }
    long fingerprint = 0;
    for (int i = 0; i < 8; i++) {
      fingerprint |= (value[2 + i] & 0xFFL) << (8 * i);
    }
    if (fingerprint != FINGERPRINT) {
      throw new UnknownSchemaException(fingerprint);
    }
    AvroBinaryReader reader = new AvroBinaryReader(value, HEADER_BYTES, value.length - HEADER_BYTES);
    long sequence = reader.readLong();
    int branch = reader.readInt();
    if (branch < START_BRANCH || branch > END_BRANCH) {
      throw new TraceMessageException("the body's union branch is " + branch + "; TraceMessage has branches 0 to " + END_BRANCH);
    }
    if (branch == START_BRANCH) {
      return new Header(sequence, Type.START, null, reader.position());
    }
    if (branch == END_BRANCH) {
      return new Header(sequence, Type.END, null, reader.position());
    }
    return new Header(sequence, Type.BATCH, RecordKind.values()[branch - 1], reader.position());
  }

  /** A message with an unknown schema fingerprint: written by a producer for another format version. */
  public static final class UnknownSchemaException extends TraceMessageException {
    private static final long serialVersionUID = 1L;

    UnknownSchemaException(long fingerprint) {
      super("unknown schema fingerprint " + describeFingerprint(fingerprint) + " (this memreplay reads TraceMessage "
          + describeFingerprint(FINGERPRINT) + ", see docs/kafka.md 'Kafka topic format')");
    }
  }

  public static byte[] start(long sequence, TraceStart start) {
    return encodeMarker(new TraceMessage(sequence, start));
  }

  public static byte[] end(long sequence, TraceEnd end) {
    return encodeMarker(new TraceMessage(sequence, end));
  }

  public static TraceStart readStart(byte[] value) throws TraceMessageException {
    return (TraceStart) decodeMarker(value, TraceStart.class);
  }

  public static TraceEnd readEnd(byte[] value) throws TraceMessageException {
    return (TraceEnd) decodeMarker(value, TraceEnd.class);
  }

  /**
   * Encodes rows {@code [from, from + count)} of {@code rows} as one batch message.
   *
   * @param sliceEnd whether this message ends a slice (docs/kafka.md "Kafka topic format")
   * @param out reused between messages; holds the value afterwards
   */
  public static void batch(long sequence, Columns rows, int from, int count, boolean sliceEnd, AvroBinaryWriter out) {
    out.reset();
    out.writeRaw(headerBytes());
    out.writeLong(sequence);
    out.writeInt(rows.kind().ordinal() + 1);
    out.writeBoolean(sliceEnd);
    for (Column column : rows.kind().layout().columns()) {
      Object array = rows.array(column.index());
      switch (column.type()) {
        case LONG, OPTIONAL_LONG -> out.writeLongArray((long[]) array, from, count);
        case INT, OPTIONAL_INT -> out.writeIntArray((int[]) array, from, count);
        case ENUM -> out.writeBytes((byte[]) array, from, count);
        case BOOLEAN -> out.writeBooleansAsBytes((boolean[]) array, from, count);
        default -> throw new AssertionError(column.type());
      }
    }
  }

  /**
   * Decodes a batch message's rows and appends them to {@code target}, whose kind must be the header's. On
   * failure {@code target} keeps the rows it had.
   *
   * @return the batch's {@code slice_end}
   * @throws TraceMessageException when the body is corrupt, its columns differ in length, or the rows do not
   *     fit in {@code target}. An enum ordinal outside its symbols is kept: it makes that event, not the
   *     message, unusable ({@link Columns#invalid})
   */
  public static boolean readBatch(byte[] value, Header header, Columns target) throws TraceMessageException {
    if (header.type() != Type.BATCH || header.kind() != target.kind()) {
      throw new IllegalArgumentException("a " + header.type() + " " + header.kind() + " message into " + target.kind() + " columns");
    }
    AvroBinaryReader reader = new AvroBinaryReader(value, header.bodyOffset(), value.length - header.bodyOffset());
    boolean sliceEnd = reader.readBoolean();
    int from = target.size();
    int room = target.remaining();
    int rows = -1;
    String firstColumn = null;
    for (Column column : target.kind().layout().columns()) {
      Object array = target.array(column.index());
      int n = switch (column.type()) {
        case LONG, OPTIONAL_LONG -> reader.readLongArray((long[]) array, from, room);
        case INT, OPTIONAL_INT -> reader.readIntArray((int[]) array, from, room);
        case ENUM -> reader.readBytes((byte[]) array, from, room);
        case BOOLEAN -> reader.readBytesAsBooleans((boolean[]) array, from, room);
        default -> throw new AssertionError(column.type());
      };
      if (rows < 0) {
        rows = n;
        firstColumn = column.name();
      } else if (n != rows) {
        throw new TraceMessageException("column " + column.name() + " has " + n + " values but " + firstColumn
            + " has " + rows + ": every column of a batch holds one value per event");
      }
    }
    if (!reader.atEnd()) {
      throw new TraceMessageException((value.length - reader.position()) + " bytes follow the end of the batch");
    }
    target.setSize(from + rows);
    return sliceEnd;
  }

  private static byte[] headerBytes() {
    byte[] header = new byte[HEADER_BYTES];
    header[0] = MAGIC_0;
    header[1] = MAGIC_1;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (FINGERPRINT >>> (8 * i));
    }
    return header;
  }

  private static byte[] encodeMarker(TraceMessage message) {
    try {
      java.nio.ByteBuffer encoded = MARKER_ENCODER.encode(message);
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object decodeMarker(byte[] value, Class<?> expected) throws TraceMessageException {
    TraceMessage message;
    try {
      message = MARKER_DECODER.decode(value);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw new TraceMessageException("the marker does not decode: " + e.getMessage(), e);
    }
    if (!expected.isInstance(message.getBody())) {
      throw new IllegalArgumentException("not a " + expected.getSimpleName() + " message");
    }
    return message.getBody();
  }
}
