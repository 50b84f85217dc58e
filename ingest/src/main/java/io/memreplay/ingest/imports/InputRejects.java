package io.memreplay.ingest.imports;

import io.memreplay.schemas.avro.Reject;

/**
 * The rejects every importer writes: marked {@value #REPLAY_ID} where a replay's carry its replay id, of kind
 * {@value #LINE} when what was rejected is a line of the input, and keeping only the start of the record.
 */
public final class InputRejects {

  /** Rejects mark where they came from with this instead of a replay id. */
  public static final String REPLAY_ID = "import";
  /** The kind of a rejected line of text (or record at a line). */
  public static final String LINE = "line";
  /** Enough of a rejected record to recognise it, not so much that garbage input floods the rejects. */
  public static final int RECORD_CHARS = 200;

  private InputRejects() {}

  /**
   * A reject of the record at {@code position} (its line, from 1) of {@code source}.
   *
   * @param vm the VM the record belongs to, or null when not known
   */
  public static Reject of(String source, long position, String kind, Integer vm, String reason, String record) {
    return Reject.newBuilder().setReplayId(REPLAY_ID).setSource(source).setPosition(position).setKind(kind).setVm(vm)
        .setReason(reason).setRecord(shortened(record)).build();
  }

  /** The start of {@code record} that a reject keeps; "" for none. */
  public static String shortened(String record) {
    return record == null ? "" : record.length() <= RECORD_CHARS ? record : record.substring(0, RECORD_CHARS);
  }
}
