package io.memreplay.engine.replay;

import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs any number of policy runs on a fixed number of threads, all fed the same batches. Each run keeps its
 * batches in order in a lane of its own; a lane with batches waiting is handed to a free thread, which
 * replays everything waiting there before it takes another, so a run's state stays in that thread's caches
 * for a while. A batch goes back to a small pool once every run is done with it, so the reader never runs
 * more than a few batches ahead of the slowest run. The first failure anywhere stops every run.
 */
final class RunPool implements AutoCloseable {

  /** Batches in flight: one being filled, the rest waiting in lanes or being replayed. */
  private static final int BATCHES = 4;
  private static final long POLL_MS = 100;

  private final List<Lane> lanes = new ArrayList<>();
  private final ExecutorService threads;
  private final BlockingQueue<SharedBatch> free = new ArrayBlockingQueue<>(BATCHES);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch finished;
  /** The batch {@link #nextBatch} gave out, until {@link #publish} or {@link #unused}. */
  private SharedBatch filling;

  RunPool(List<PolicyRun> runs, int threadCount) {
    if (threadCount < 1) {
      throw new IllegalArgumentException("a replay needs at least one thread, not " + threadCount);
    }
    for (PolicyRun run : runs) {
      lanes.add(new Lane(run));
    }
    for (int i = 0; i < BATCHES; i++) {
      free.add(new SharedBatch(new TraceBatch()));
    }
    finished = new CountDownLatch(lanes.size());
    AtomicInteger numbers = new AtomicInteger();
    threads = Executors.newFixedThreadPool(Math.min(threadCount, lanes.size()), task -> {
      Thread thread = new Thread(task, "replay-" + numbers.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** A batch to fill with the next events, or null once a run has failed. */
  TraceBatch nextBatch() throws InterruptedException {
    while (failure.get() == null) {
      SharedBatch batch = free.poll(POLL_MS, TimeUnit.MILLISECONDS);
      if (batch != null) {
        filling = batch;
        return batch.batch;
      }
    }
    return null;
  }

  /** Hands the batch {@link #nextBatch} gave, now filled, to every run. */
  void publish() {
    SharedBatch batch = filling;
    filling = null;
    batch.references.set(lanes.size());
    for (Lane lane : lanes) {
      lane.add(batch);
    }
  }

  /** Gives the batch {@link #nextBatch} gave back unfilled: the trace has ended. */
  void unused() {
    if (filling != null) {
      free.add(filling);
      filling = null;
    }
  }

  /** Every run closes its last intervals at {@code traceEndNs}; waits until all have, or one failed. */
  void finish(long traceEndNs) throws InterruptedException {
    for (Lane lane : lanes) {
      lane.traceEndNs = traceEndNs;
      lane.add(SharedBatch.END);
    }
    awaitLanes();
  }

  /** The first failure of a run, or null. */
  Throwable failure() {
    return failure.get();
  }

  /** Stops every run because of {@code cause}, unless one failed first. */
  void fail(Throwable cause) {
    failure.compareAndSet(null, cause);
  }

  /** Lets the threads go once they are done; after a failure, runs drop what they still hold. */
  @Override
  public void close() throws InterruptedException {
    threads.shutdown();
    while (!threads.awaitTermination(POLL_MS, TimeUnit.MILLISECONDS)) {
      // a run is in the middle of a batch; it stops at its end
    }
  }

  private void awaitLanes() throws InterruptedException {
    while (!finished.await(POLL_MS, TimeUnit.MILLISECONDS)) {
      if (failure.get() != null) {
        return;
      }
    }
  }

  /** Rethrows the first failure of any run, as the exception it was. */
  void rethrowFailure() throws IOException {
    Throwable failed = failure.get();
    if (failed instanceof IOException e) {
      throw e;
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
  }

  /** One run's batches waiting, in order, and whether a thread is replaying them. */
  private final class Lane {
    final PolicyRun run;
    private final ArrayDeque<SharedBatch> waiting = new ArrayDeque<>();
    private boolean scheduled;
    /** Set before END is added, which orders the write before the thread reads it. */
    long traceEndNs;

    Lane(PolicyRun run) {
      this.run = run;
    }

    void add(SharedBatch batch) {
      synchronized (this) {
        waiting.add(batch);
        if (scheduled) {
          return;
        }
        scheduled = true;
      }
      threads.execute(this::drain);
    }

    private void drain() {
      while (true) {
        SharedBatch batch;
        synchronized (this) {
          batch = waiting.poll();
          if (batch == null) {
            scheduled = false;
            return;
          }
        }
        replay(batch);
      }
    }

    private void replay(SharedBatch batch) {
      try {
        if (failure.get() == null) {
          if (batch == SharedBatch.END) {
            run.finish(traceEndNs);
          } else {
            run.process(batch.batch);
          }
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      } finally {
        if (batch == SharedBatch.END) {
          finished.countDown();
        } else if (batch.references.decrementAndGet() == 0) {
          free.add(batch);
        }
      }
    }
  }

  /** A batch shared by all runs, back to the pool when the last run releases it. */
  private static final class SharedBatch {
    static final SharedBatch END = new SharedBatch(null);
    final TraceBatch batch;
    final AtomicInteger references = new AtomicInteger();

    SharedBatch(TraceBatch batch) {
      this.batch = batch;
    }
  }
}
