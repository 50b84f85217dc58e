package io.memreplay.ingest.kafka;

import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes a trace dataset on a thread of its own, a few batches ahead of the caller: publishing then
 * decodes Parquet and encodes messages at the same time, on two cores, instead of one after the other.
 */
final class PrefetchingReader implements AutoCloseable {

  /** One being decoded, one being encoded, one waiting in between. */
  private static final int BATCHES = 3;
  private static final Object END = new Object();

  private final TraceReader reader;
  private final BlockingQueue<TraceBatch> free = new ArrayBlockingQueue<>(BATCHES);
  /** Filled batches in order, then {@link #END} or the reading thread's failure. */
  private final BlockingQueue<Object> filled = new ArrayBlockingQueue<>(BATCHES + 1);
  private final Thread thread;
  private TraceBatch lent;

  PrefetchingReader(TraceReader reader) {
    this.reader = reader;
    for (int i = 0; i < BATCHES; i++) {
      free.add(new TraceBatch());
    }
    this.thread = new Thread(this::readAll, "publish-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void readAll() {
    try {
      while (true) {
        TraceBatch batch = free.take();
        if (!reader.next(batch)) {
          filled.put(END);
          return;
        }
        filled.put(batch);
      }
    } catch (InterruptedException e) {
      // closed before the end
    } catch (IOException | RuntimeException e) {
      filled.offer(e);
    }
  }

  /**
   * The next batch in time order, valid until the next call; null at the end of the trace.
   *
   * @throws IOException what the reading thread failed with
   */
  TraceBatch next() throws IOException {
    if (lent != null) {
      free.add(lent);
      lent = null;
    }
    Object next;
    try {
      next = filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the trace");
    }
    if (next == END) {
      filled.add(END);
      return null;
    }
    if (next instanceof IOException e) {
      throw e;
    }
    if (next instanceof RuntimeException e) {
      throw e;
    }
    lent = (TraceBatch) next;
    return lent;
  }

  /** Rows the reader rejected so far; exact once {@link #next} returned null. */
  long rejected() {
    return reader.rejected();
  }

  @Override
  public void close() throws IOException {
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.close();
  }
}
