package io.memreplay.ingest.kafka;

import io.memreplay.engine.replay.TraceInfo;
import io.memreplay.engine.replay.TraceSource;
import io.memreplay.schemas.avro.Reject;
import io.memreplay.schemas.avro.TraceEnd;
import io.memreplay.schemas.kafka.TraceMessageCodec;
import io.memreplay.schemas.kafka.TraceMessageException;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.KindScreen;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One host's trace as it arrives from its partition: the worker's consumer thread hands the host's
 * messages to an inbox, and the replay's reading thread decodes them here, slice by slice, into the
 * batches the replay asks for. Decoding happens on the host's thread, so hosts decode in parallel.
 *
 * <p>What cannot be used goes to the replay's rejects with partition, offset and reason (and to the
 * dead-letter topic): messages that do not decode, sequence numbers that repeat or skip, and single
 * events out of time order, with invalid values, or of VMs the scenario does not have.
 */
final class HostTraceSource implements TraceSource {

  /** Messages queued ahead of the decoder: a few MB, enough to keep decoding busy while the consumer polls. */
  private static final int INBOX_MESSAGES = 16;
  private static final long POLL_MS = 100;

  /** What the consumer thread hands over: a message with its header read, or one found unreadable. */
  sealed interface Item {}

  record Message(ConsumerRecord<byte[], byte[]> record, TraceMessageCodec.Header header) implements Item {}

  record Unreadable(ConsumerRecord<byte[], byte[]> record, String reason) implements Item {}

  /** The trace stops here without its end marker: what arrived is replayed, and the run is incomplete. */
  record Cut(String reason) implements Item {}

  private final String host;
  private final BlockingQueue<Item> inbox = new ArrayBlockingQueue<>(INBOX_MESSAGES);
  private final DeadLetters deadLetters;
  private final long lastNs;
  private final String span;
  private volatile TraceInfo info;
  private volatile String abortReason;

  /**
   * @param lastNs the latest event time the replay accepts: the start marker's end, or when it gives none
   *     the end of the longest span the replay takes on
   * @param span says where {@code info.startNs()} and {@code lastNs} come from, for reject reasons
   */
  HostTraceSource(TraceInfo info, long lastNs, String span, DeadLetters deadLetters) {
    this.host = info.host();
    this.info = info;
    this.lastNs = lastNs;
    this.span = span;
    this.deadLetters = deadLetters;
  }

  /** Before the end marker: what the start marker said; after it: with the trace's real end. */
  @Override
  public TraceInfo info() {
    return info;
  }

  /**
   * Queues a message for the decoder, waiting while the inbox is full.
   *
   * @return false when the replay stopped taking messages
   */
  boolean offer(Item item, java.util.function.BooleanSupplier stillWanted) throws InterruptedException {
    while (stillWanted.getAsBoolean()) {
      if (inbox.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** Makes the replay's next read fail, so that it aborts its outputs. */
  void abort(String reason) {
    abortReason = reason;
  }

  @Override
  public Stream open(RecordScreen screen, Consumer<Reject> rejects) {
    return new HostStream(screen.within(info.startNs(), lastNs, span), rejects);
  }

  private final class HostStream implements Stream {
    private final Consumer<Reject> rejects;
    private final Columns[] scratch = new Columns[RecordKind.values().length];
    private final KindScreen[] screens = new KindScreen[RecordKind.values().length];
    private long expectedSequence = 1;
    private boolean ended;
    private long rejected;
    /** Events delivered, and events rejected one by one: together the events that arrived. */
    private long delivered;
    private long rejectedEvents;
    /** How many events the trace has, from its end marker (else its start marker); -1 when unknown. */
    private long expectedEvents = info.events();
    /** What input was lost, for the runs' status; empty when nothing was. */
    private final List<String> losses = new ArrayList<>();

    HostStream(RecordScreen screen, Consumer<Reject> rejects) {
      this.rejects = rejects;
      for (RecordKind kind : RecordKind.values()) {
        screens[kind.ordinal()] = new KindScreen(screen, "(host " + host + "'s events of a kind must come in time order)");
      }
    }

    @Override
    public boolean next(TraceBatch batch) throws IOException {
      batch.clear();
      while (!ended) {
        Item item = take();
        if (item instanceof Unreadable unreadable) {
          rejectMessage(unreadable.record(), unreadable.reason());
          continue;
        }
        if (item instanceof Cut cut) {
          losses.add(cut.reason());
          end(Long.MIN_VALUE);
          break;
        }
        Message message = (Message) item;
        if (!inSequence(message)) {
          continue;
        }
        if (message.header().type() == TraceMessageCodec.Type.END) {
          end(endMarker(message));
          break;
        }
        if (readBatch(message, batch) && !batch.isEmpty()) {
          return true;
        }
      }
      return !batch.isEmpty();
    }

    @Override
    public long rejected() {
      return rejected;
    }

    @Override
    public Loss loss() {
      long arrived = delivered + rejectedEvents;
      long lost = expectedEvents < 0 ? Loss.UNKNOWN : expectedEvents - arrived;
      if (losses.isEmpty() && lost <= 0) {
        return null;
      }
      String what = losses.isEmpty()
          ? "host " + host + "'s end marker counts " + expectedEvents + " events, but " + arrived + " arrived"
          : String.join("; ", losses);
      if (lost <= 0) {
        return new Loss(Loss.UNKNOWN, "events lost, how many is unknown: " + what);
      }
      return new Loss(lost, String.format(Locale.ROOT, "%,d events lost: ", lost) + what);
    }

    @Override
    public void close() {}

    private Item take() throws IOException {
      try {
        while (true) {
          String reason = abortReason;
          if (reason != null) {
            throw new HostReplayAbortedException(reason);
          }
          Item item = inbox.poll(POLL_MS, TimeUnit.MILLISECONDS);
          if (item != null) {
            return item;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HostReplayAbortedException("interrupted while waiting for host " + host + "'s messages");
      }
    }

    /** Checks the per-host sequence number; a repeat or a gap rejects the message. */
    private boolean inSequence(Message message) {
      long sequence = message.header().sequence();
      long expected = expectedSequence;
      if (sequence < expected) {
        rejectMessage(message.record(), "sequence number " + sequence + " repeats (host " + host + "'s next message is "
            + expected + "): a duplicate, e.g. a producer retry without idempotence; not replayed again");
        return false;
      }
      expectedSequence = sequence + 1;
      if (sequence > expected) {
        rejectMessage(message.record(), "sequence gap: host " + host + "'s next message is " + expected + " but this one is "
            + sequence + ", so " + (sequence - expected) + " message(s) are missing; this one is not replayed either, "
            + "since its slice is incomplete");
        losses.add("a sequence gap: host " + host + "'s message" + (sequence - expected == 1 ? " " + expected + " is"
            : "s " + expected + " to " + (sequence - 1) + " are") + " missing and message " + sequence
            + " (partition " + message.record().partition() + ", offset " + message.record().offset() + ") was not replayed");
        return false;
      }
      return true;
    }

    /** The end marker's end time, and its count of the trace's events; MIN_VALUE when it does not decode. */
    private long endMarker(Message message) {
      try {
        TraceEnd end = TraceMessageCodec.readEnd(message.record().value());
        expectedEvents = end.getEvents();
        return end.getEndNs();
      } catch (TraceMessageException e) {
        rejectMessage(message.record(), "the end marker does not decode (" + e.getMessage() + "); the trace ends at its last event");
        losses.add("host " + host + "'s end marker (offset " + message.record().offset() + ") does not decode, so"
            + " whether events are missing is unknown");
        return Long.MIN_VALUE;
      }
    }

    /** The trace has ended at {@code endNs}, or at its last event when that is later. */
    private void end(long endNs) {
      for (KindScreen screen : screens) {
        endNs = Math.max(endNs, screen.lastTs());
      }
      TraceInfo started = info;
      info = started.withEnd(Math.max(endNs, started.startNs()));
      ended = true;
    }

    /**
     * Decodes a batch message and appends its usable events to {@code batch}.
     *
     * @return whether the message ends a slice
     */
    private boolean readBatch(Message message, TraceBatch batch) {
      RecordKind kind = message.header().kind();
      Columns target = batch.columns(kind);
      Columns rows = scratch[kind.ordinal()];
      if (rows == null || rows.capacity() < target.capacity()) {
        rows = kind.newColumns(target.capacity());
        scratch[kind.ordinal()] = rows;
      }
      rows.clear();
      boolean sliceEnd;
      try {
        sliceEnd = TraceMessageCodec.readBatch(message.record().value(), message.header(), rows);
      } catch (TraceMessageException e) {
        rejectMessage(message.record(), "the " + kind.table() + " batch does not decode: " + e.getMessage());
        losses.add("host " + host + "'s message " + message.header().sequence() + " (offset " + message.record().offset()
            + ") does not decode");
        return false;
      }
      screen(message.record(), rows);
      if (rows.size() > target.remaining()) {
        for (int i = 0; i < rows.size(); i++) {
          rejectEvent(message.record(), rows, i, "the slice holds more than " + target.capacity() + " " + kind.table()
              + " events; a slice must fit one replay batch (docs/kafka.md 'Kafka topic format')");
        }
        return sliceEnd;
      }
      target.append(rows, 0, rows.size());
      delivered += rows.size();
      return sliceEnd;
    }

    /** Rejects and removes the events that cannot be replayed, as a Parquet trace's reader does. */
    private void screen(ConsumerRecord<byte[], byte[]> record, Columns rows) {
      int n = rows.size();
      String[] firstReason = {null};
      int dropped = screens[rows.kind().ordinal()].screen(rows, null, (row, reason) -> {
        if (firstReason[0] == null) {
          firstReason[0] = reason;
        }
        rejectEvent(record, rows, row, reason);
      });
      if (dropped > 0 && deadLetters != null) {
        deadLetters.send(record, dropped + " of " + n + " events rejected; the first: " + firstReason[0]);
      }
    }

    private void rejectMessage(ConsumerRecord<byte[], byte[]> record, String reason) {
      rejected++;
      rejects.accept(MessageRejects.message(record, reason));
      if (deadLetters != null) {
        deadLetters.send(record, reason);
      }
    }

    private void rejectEvent(ConsumerRecord<byte[], byte[]> record, Columns rows, int row, String reason) {
      rejected++;
      rejectedEvents++;
      rejects.accept(MessageRejects.event(record, rows, row, reason));
    }
  }
}
