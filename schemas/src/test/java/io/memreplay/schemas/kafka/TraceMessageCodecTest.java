package io.memreplay.schemas.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.schemas.avro.TraceEnd;
import io.memreplay.schemas.avro.TraceMessage;
import io.memreplay.schemas.avro.TraceStart;
import io.memreplay.schemas.avro.TraceVm;
import io.memreplay.schemas.trace.ColumnLayout.Column;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceFixtures;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

class TraceMessageCodecTest {

  /** Every kind, with nulls and every enum symbol, from the trace fixtures. */
  private static Map<RecordKind, Columns> fixtureColumns() {
    List<SpecificRecordBase> records = TraceFixtures.records(7, 300);
    Map<RecordKind, Columns> byKind = new EnumMap<>(RecordKind.class);
    for (RecordKind kind : RecordKind.values()) {
      byKind.put(kind, kind.newColumns(records.size()));
    }
    for (SpecificRecordBase record : records) {
      for (RecordKind kind : RecordKind.values()) {
        if (kind.layout().schema().equals(record.getSchema())) {
          byKind.get(kind).add(record);
        }
      }
    }
    return byKind;
  }

  @Test
  void batchesOfEveryKindDecodeToTheRowsTheyWereEncodedFrom() throws Exception {
    AvroBinaryWriter out = new AvroBinaryWriter(64);
    for (Columns rows : fixtureColumns().values()) {
      assertTrue(rows.size() > 10, rows.kind() + " fixture rows");
      TraceMessageCodec.batch(41, rows, 3, rows.size() - 3, true, out);
      byte[] value = out.toByteArray();
      TraceMessageCodec.Header header = TraceMessageCodec.readHeader(value);
      assertEquals(41, header.sequence());
      assertEquals(TraceMessageCodec.Type.BATCH, header.type());
      assertEquals(rows.kind(), header.kind());
      Columns decoded = rows.kind().newColumns(rows.size());
      assertTrue(TraceMessageCodec.readBatch(value, header, decoded));
      assertEquals(rows.size() - 3, decoded.size());
      for (int i = 0; i < decoded.size(); i++) {
        assertEquals(rows.describe(i + 3), decoded.describe(i), rows.kind() + " row " + i);
      }
    }
  }

  @Test
  void batchBytesAreThoseAvroItselfWritesForTheSchema() throws Exception {
    AvroBinaryWriter out = new AvroBinaryWriter(64);
    for (Columns rows : fixtureColumns().values()) {
      TraceMessageCodec.batch(5, rows, 0, rows.size(), false, out);
      assertArrayEquals(ForeignProducer.batch(5, rows, false), out.toByteArray(), rows.kind().table());
    }
  }

  @Test
  void batchesAvroWritesInSeveralSizedBlocksDecodeToo() throws Exception {
    for (Columns rows : fixtureColumns().values()) {
      byte[] value = ForeignProducer.batchInBlocks(9, rows, true);
      TraceMessageCodec.Header header = TraceMessageCodec.readHeader(value);
      Columns decoded = rows.kind().newColumns(rows.size());
      assertTrue(TraceMessageCodec.readBatch(value, header, decoded));
      assertEquals(rows.size(), decoded.size());
      for (int i = 0; i < rows.size(); i++) {
        assertEquals(rows.describe(i), decoded.describe(i), rows.kind() + " row " + i);
      }
    }
  }

  @Test
  void anEmptyBatchIsValid() throws Exception {
    AvroBinaryWriter out = new AvroBinaryWriter(8);
    Columns none = RecordKind.DEMAND.newColumns(4);
    TraceMessageCodec.batch(2, none, 0, 0, true, out);
    byte[] value = out.toByteArray();
    Columns decoded = RecordKind.DEMAND.newColumns(4);
    assertTrue(TraceMessageCodec.readBatch(value, TraceMessageCodec.readHeader(value), decoded));
    assertEquals(0, decoded.size());
  }

  @Test
  void markersRoundTripThroughTheGeneratedClasses() throws Exception {
    TraceStart start = TraceStart.newBuilder().setFormatVersion(1).setTraceId("t").setDigest("sha256:00").setHost("esx-9")
        .setVms(List.of(new TraceVm(0, "a"), new TraceVm(3, "b"))).setStartNs(5).setEndNs(null).setEvents(12L)
        .setScenarioYaml("name: x\n").setProducer("test").build();
    byte[] startValue = TraceMessageCodec.start(0, start);
    TraceMessageCodec.Header header = TraceMessageCodec.readHeader(startValue);
    assertEquals(TraceMessageCodec.Type.START, header.type());
    assertEquals(0, header.sequence());
    assertEquals(start, TraceMessageCodec.readStart(startValue));

    byte[] endValue = TraceMessageCodec.end(7, new TraceEnd(99L, 12L));
    assertEquals(TraceMessageCodec.Type.END, TraceMessageCodec.readHeader(endValue).type());
    assertEquals(7, TraceMessageCodec.readHeader(endValue).sequence());
    assertEquals(new TraceEnd(99L, 12L), TraceMessageCodec.readEnd(endValue));
    // the generated classes' own single-object encoding is the same wire format
    assertArrayEquals(TraceMessage.getEncoder().encode(new TraceMessage(7L, new TraceEnd(99L, 12L))).array(), endValue);
  }

  @Test
  void bytesThatAreNotATraceMessageAreRefusedWithTheReason() {
    TraceMessageException notFramed = assertThrows(TraceMessageException.class,
        () -> TraceMessageCodec.readHeader("hello, world".getBytes()));
    assertTrue(notFramed.getMessage().contains("not an Avro single-object encoded message"), notFramed.getMessage());
    assertThrows(TraceMessageException.class, () -> TraceMessageCodec.readHeader(null));
  }

  @Test
  void anUnknownFingerprintIsNamedInTheError() {
    byte[] value = ForeignProducer.frame(0x1122334455667788L, new byte[] {0, 0});
    TraceMessageException e = assertThrows(TraceMessageException.class, () -> TraceMessageCodec.readHeader(value));
    assertInstanceOf(TraceMessageCodec.UnknownSchemaException.class, e);
    assertTrue(e.getMessage().contains("unknown schema fingerprint 8877665544332211"), e.getMessage());
    assertTrue(e.getMessage().contains(TraceMessageCodec.describeFingerprint(TraceMessageCodec.FINGERPRINT)), e.getMessage());
  }

  @Test
  void corruptBatchesAreRefusedWithoutTouchingTheTargetRows() throws Exception {
    Columns rows = fixtureColumns().get(RecordKind.ACCESSES);
    AvroBinaryWriter out = new AvroBinaryWriter(64);
    TraceMessageCodec.batch(1, rows, 0, 50, false, out);
    byte[] value = out.toByteArray();
    TraceMessageCodec.Header header = TraceMessageCodec.readHeader(value);

    Columns target = RecordKind.ACCESSES.newColumns(200);
    target.append(rows, 0, 2);
    byte[] truncated = Arrays.copyOf(value, value.length - 7);
    assertThrows(TraceMessageException.class, () -> TraceMessageCodec.readBatch(truncated, header, target));
    assertEquals(2, target.size());

    byte[] trailing = Arrays.copyOf(value, value.length + 3);
    TraceMessageException extra = assertThrows(TraceMessageException.class,
        () -> TraceMessageCodec.readBatch(trailing, header, target));
    assertTrue(extra.getMessage().contains("3 bytes follow"), extra.getMessage());

    Columns small = RecordKind.ACCESSES.newColumns(20);
    TraceMessageException full = assertThrows(TraceMessageException.class,
        () -> TraceMessageCodec.readBatch(value, header, small));
    assertTrue(full.getMessage().contains("more than 20 values"), full.getMessage());
    assertEquals(0, small.size());
  }

  @Test
  void columnsOfDifferentLengthsAreRefusedAndAnUnknownEnumOrdinalMakesOnlyItsEventInvalid() throws Exception {
    Columns rows = fixtureColumns().get(RecordKind.ACCESSES);
    org.apache.avro.generic.GenericRecord message = ForeignProducer.message(1, rows, false);
    org.apache.avro.generic.GenericRecord batch = (org.apache.avro.generic.GenericRecord) message.get("body");
    ((List<?>) batch.get("vm")).remove(0);
    byte[] shortColumn = encode(message);
    TraceMessageException lengths = assertThrows(TraceMessageException.class, () -> TraceMessageCodec.readBatch(
        shortColumn, TraceMessageCodec.readHeader(shortColumn), RecordKind.ACCESSES.newColumns(rows.size())));
    assertTrue(lengths.getMessage().contains("column vm has " + (rows.size() - 1) + " values but ts_ns has " + rows.size()),
        lengths.getMessage());

    message = ForeignProducer.message(1, rows, false);
    java.nio.ByteBuffer ops = (java.nio.ByteBuffer) ((org.apache.avro.generic.GenericRecord) message.get("body")).get("op");
    ops.put(4, (byte) 7);
    byte[] badOp = encode(message);
    Columns decoded = RecordKind.ACCESSES.newColumns(rows.size());
    TraceMessageCodec.readBatch(badOp, TraceMessageCodec.readHeader(badOp), decoded);
    assertEquals(rows.size(), decoded.size());
    assertEquals("op ordinal 7 is not one of [READ, WRITE, EXEC] (0 to 2)", decoded.invalid(4));
    assertNull(decoded.invalid(3));
  }

  @Test
  void theKafkaDocGivesProducersTheFingerprintOfThisVersion() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "kafka.md"));
    String wire = TraceMessageCodec.describeFingerprint(TraceMessageCodec.FINGERPRINT).replaceAll("(..)(?!$)", "$1 ");
    assertTrue(readme.contains("`" + wire + "`"), "docs/kafka.md 'Kafka topic format' should give the fingerprint bytes " + wire);
  }

  @Test
  void theBatchSchemasHoldTheColumnsOfTheirRecordKindsInOrder() {
    List<Schema> branches = TraceMessage.getClassSchema().getField("body").schema().getTypes();
    assertEquals("TraceStart", branches.get(0).getName());
    assertEquals("TraceEnd", branches.get(branches.size() - 1).getName());
    for (RecordKind kind : RecordKind.values()) {
      Schema batch = branches.get(kind.ordinal() + 1);
      List<Schema.Field> fields = batch.getFields();
      assertEquals("slice_end", fields.get(0).name());
      List<Column> columns = kind.layout().columns();
      assertEquals(columns.size() + 1, fields.size(), batch.getName());
      for (Column column : columns) {
        Schema.Field field = fields.get(column.index() + 1);
        assertEquals(column.name(), field.name(), batch.getName());
        Schema.Type expected = switch (column.type()) {
          case LONG, OPTIONAL_LONG, INT, OPTIONAL_INT -> Schema.Type.ARRAY;
          case ENUM, BOOLEAN -> Schema.Type.BYTES;
        };
        assertEquals(expected, field.schema().getType(), batch.getName() + "." + field.name());
        if (expected == Schema.Type.ARRAY) {
          Schema.Type item = column.type() == io.memreplay.schemas.trace.ColumnType.LONG
              || column.type() == io.memreplay.schemas.trace.ColumnType.OPTIONAL_LONG ? Schema.Type.LONG : Schema.Type.INT;
          assertEquals(item, field.schema().getElementType().getType(), batch.getName() + "." + field.name());
        }
      }
    }
    assertFalse(TraceMessageCodec.describeFingerprint(TraceMessageCodec.FINGERPRINT).isEmpty());
  }

  private static byte[] encode(org.apache.avro.generic.GenericRecord message) throws Exception {
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(body, null);
    new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(message.getSchema())
        .write(message, encoder);
    encoder.flush();
    return ForeignProducer.frame(TraceMessageCodec.FINGERPRINT, body.toByteArray());
  }
}
