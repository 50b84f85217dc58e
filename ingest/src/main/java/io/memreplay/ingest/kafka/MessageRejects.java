package io.memreplay.ingest.kafka;

import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.trace.Columns;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reject rows for what arrives on a trace topic: whole messages, or single events of a batch. */
final class MessageRejects {

  /** The {@code kind} of a reject that concerns a whole message. */
  static final String MESSAGE_KIND = "message";
  /** Bytes of an unreadable value shown in its reject, enough to recognize a foreign format. */
  private static final int SHOWN_BYTES = 24;

  private MessageRejects() {}

  static String host(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  static Reject message(ConsumerRecord<byte[], byte[]> record, String reason) {
    return Reject.newBuilder()
        .setReplayId("")
        .setSource(record.topic())
        .setPartition(record.partition())
        .setPosition(record.offset())
        .setKind(MESSAGE_KIND)
        .setTsNs(null)
        .setVm(null)
        .setReason(reason)
        .setRecord(describe(record))
        .build();
  }

  static Reject event(ConsumerRecord<byte[], byte[]> record, Columns rows, int row, String reason) {
    long ts = rows.tsNs[row];
    return Reject.newBuilder()
        .setReplayId("")
        .setSource(record.topic())
        .setPartition(record.partition())
        .setPosition(record.offset())
        .setKind(rows.kind().table())
        .setTsNs(ts)
        .setVm(rows.vm[row])
        .setReason(reason)
        .setRecord("event " + row + " of the message: " + rows.describe(row))
        .build();
  }

  /** Key, size and first bytes of a record: enough to find it with a console consumer. */
  static String describe(ConsumerRecord<byte[], byte[]> record) {
    byte[] value = record.value();
    String key = host(record);
    StringBuilder text = new StringBuilder("key ").append(key == null ? "(none)" : "'" + key + "'");
    if (value == null) {
      return text.append(", no value").toString();
    }
    text.append(", ").append(value.length).append(" bytes: ");
    text.append(HexFormat.ofDelimiter(" ").formatHex(value, 0, Math.min(SHOWN_BYTES, value.length)));
    if (value.length > SHOWN_BYTES) {
      text.append(" ...");
    }
    return text.toString();
  }
}
