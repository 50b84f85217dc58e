package io.memreplay.engine.translation;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Translation on a thread of its own: the replay loop's thread records each step in a log ({@link
 * TranslationLog}) and goes on; a full log goes to translation's thread, which takes its steps in the order
 * recorded, so the counts are exactly those of translation on the loop's thread. At an interval's end the
 * loop waits for the thread to catch up ({@link #drain}) before it reads the counts.
 *
 * <p>Translation only observes: nothing else in the replay reads what it computes before the interval's
 * end. The logs are few and reused, so the loop's thread runs at most that many logs ahead. The thread ends
 * when it has had nothing to do for a few seconds, so a run that fails leaves no thread behind.
 */
final class TranslationWorker implements TranslationSteps {

  private static final int LOGS = 4;
  private static final long IDLE_SECONDS = 5;

  private final GuestPageTables[] tables;
  private final TranslationSteps direct;
  private final TranslationLog.Recorded recorded = new TranslationLog.Recorded();
  private final ThreadPoolExecutor thread;
  private final BlockingQueue<TranslationLog> free = new ArrayBlockingQueue<>(LOGS);
  private TranslationLog filling = new TranslationLog();
  private volatile Throwable failure;

  /** Moves the VMs' translation onto a thread named {@code name}: from now on, only it may touch them. */
  TranslationWorker(String name, GuestPageTables[] tables, VmTranslation[] translations) {
    this.tables = tables;
    this.direct = TranslationSteps.direct(translations);
    for (VmTranslation translation : translations) {
      translation.readMappingsFrom(recorded);
    }
    for (int i = 1; i < LOGS; i++) {
      free.add(new TranslationLog());
    }
    this.thread = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
      Thread worker = new Thread(task, name);
      worker.setDaemon(true);
      return worker;
    });
  }

  @Override
  public void access(int slot, int vcpu, int asid, long gva, long gpn, boolean instruction) {
    filling.access(slot, vcpu, asid, gva, gpn, instruction, tables[slot]);
    handOffIfFull();
  }

  @Override
  public void backingChanged(int slot, long firstGpn, boolean broken) {
    filling.backingChanged(slot, firstGpn, broken);
    handOffIfFull();
  }

  @Override
  public void pageTableOp(int slot, int vcpu, int asid, byte kind, long gva, int pageBytes) {
    filling.pageTableOp(slot, vcpu, asid, kind, gva, pageBytes);
    handOffIfFull();
  }

  /** Waits until translation's thread has taken every step recorded: the VMs' counts are then complete. */
  void drain() {
    if (!filling.isEmpty()) {
      handOff();
    }
    TranslationLog[] all = new TranslationLog[LOGS - 1];
    for (int i = 0; i < all.length; i++) {
      all[i] = take();
    }
    for (TranslationLog log : all) {
      free.add(log);
    }
    rethrowFailure();
  }

  /** No more steps come: the thread ends once it has taken those it has. */
  void close() {
    thread.shutdown();
  }

  private void handOffIfFull() {
    if (filling.isFull()) {
      handOff();
    }
  }

  private void handOff() {
    TranslationLog log = filling;
    thread.execute(() -> replay(log));
    filling = take();
  }

  private void replay(TranslationLog log) {
    try {
      if (failure == null) {
        log.replay(direct, recorded);
      }
    } catch (RuntimeException | Error e) {
      failure = e;
    } finally {
      log.clear();
      free.add(log);
    }
  }

  private TranslationLog take() {
    try {
      TranslationLog log = free.take();
      rethrowFailure();
      return log;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for translation's thread", e);
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
