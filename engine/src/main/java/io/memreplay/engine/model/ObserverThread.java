package io.memreplay.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A thread of its own for a model that only observes: nothing else in the replay reads what it computes
 * before an interval ends (translation, the miss-ratio curves). The loop's thread records the model's steps
 * in a log ({@link Log}) and goes on; a full log goes to the thread, which takes its steps in the order
 * recorded, so the model computes exactly what it would on the loop's thread. Before the model reads its
 * values at an interval's end, the loop waits for the thread ({@link #drain}).
 *
 * <p>The logs are few and reused, so the loop runs at most that many logs ahead. A step that fails on the
 * thread fails the run the next time the loop hands a log over or waits. The thread ends when it has had
 * nothing to do for a few seconds, so a run that fails leaves no thread behind.
 *
 * @param <L> the model's log
 */
public final class ObserverThread<L extends ObserverThread.Log> {

  /**
   * Steps recorded in primitive arrays, at most {@code capacity}, taken later on the observer's thread. A
   * model's log keeps a step's values at the index {@link #add} gives it.
   */
  public abstract static class Log {

    private final int capacity;
    private int size;

    protected Log(int capacity) {
      this.capacity = capacity;
    }

    /** Takes the steps recorded, in order: those at indices 0 to {@link #size} - 1. */
    protected abstract void takeSteps();

    /** The index of the step being recorded. */
    protected final int add() {
      return size++;
    }

    protected final int size() {
      return size;
    }

    final boolean isFull() {
      return size == capacity;
    }

    final boolean isEmpty() {
      return size == 0;
    }

    final void clear() {
      size = 0;
    }
  }

  private static final int LOGS = 4;
  private static final long IDLE_SECONDS = 5;

  private final ThreadPoolExecutor thread;
  private final BlockingQueue<L> free = new ArrayBlockingQueue<>(LOGS);
  private L filling;
  private volatile Throwable failure;

  /** A thread named after the loop's thread and {@code model}, with logs made by {@code logs}. */
  public ObserverThread(String model, Supplier<L> logs) {
    String name = Thread.currentThread().getName() + "-" + model;
    this.thread = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
      Thread observer = new Thread(task, name);
      observer.setDaemon(true);
      return observer;
    });
    filling = logs.get();
    for (int i = 1; i < LOGS; i++) {
      free.add(logs.get());
    }
  }

  /** The log to record the next step in; call {@link #recorded} after each. */
  public L log() {
    return filling;
  }

  /** A step was recorded: a full log goes to the thread. */
  public void recorded() {
    if (filling.isFull()) {
      handOff();
    }
  }

  /** Waits until the thread has taken every step recorded: the model's values are then complete. */
  public void drain() {
    if (!filling.isEmpty()) {
      handOff();
    }
    List<L> all = new ArrayList<>(LOGS - 1);
    for (int i = 0; i < LOGS - 1; i++) {
      all.add(take());
    }
    free.addAll(all);
    rethrowFailure();
  }

  /** No more steps come: the thread ends once it has taken those it has. */
  public void close() {
    thread.shutdown();
  }

  private void handOff() {
    L log = filling;
    thread.execute(() -> takeSteps(log));
    filling = take();
    rethrowFailure();
  }

  private void takeSteps(L log) {
    try {
      if (failure == null) {
        log.takeSteps();
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      log.clear();
      free.add(log);
    }
  }

  /** The next free log, waiting for the thread to be done with one; failures are the caller's to rethrow. */
  private L take() {
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a model's thread", e);
    }
  }

  private void rethrowFailure() {
    Throwable e = failure;
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
  }
}
