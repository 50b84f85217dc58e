package io.memreplay.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far a long operation is: a progress bar when stderr is a terminal, otherwise a log line every
 * few seconds (CI logs and redirected output stay readable).
 */
abstract class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  /** Often enough to see a job is alive, rarely enough that a long job's log stays short. */
  private static final long LOG_EVERY_NS = Duration.ofSeconds(10).toNanos();

  /** Starts showing progress of {@code task}, which has {@code total} units to do (-1 when unknown). */
  static Progress start(String task, long total, String unit) {
    return System.console() != null ? new Bar(task, total, unit) : new LogLines(task, total, unit);
  }

  /** {@code units} more are done. */
  abstract void step(long units);

  /** A consumer of running totals (what importers report), which steps by what each adds. */
  java.util.function.LongConsumer totals() {
    long[] reported = {0};
    return total -> {
      step(total - reported[0]);
      reported[0] = total;
    };
  }

  @Override
  public abstract void close();

  /** An interactive bar on the terminal. */
  private static final class Bar extends Progress {
    private final ProgressBar bar;

    Bar(String task, long total, String unit) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
          .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    @Override
    void step(long units) {
      bar.stepBy(units);
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** Periodic log lines: done, of total, percent, rate. */
  private static final class LogLines extends Progress {
    private final String task;
    private final long total;
    private final String unit;
    private final long startNs = System.nanoTime();
    private long lastLogNs = startNs;
    private long done;

    LogLines(String task, long total, String unit) {
      this.task = task;
      this.total = total;
      this.unit = unit;
    }

    @Override
    void step(long units) {
      done += units;
      long now = System.nanoTime();
      if (now - lastLogNs >= LOG_EVERY_NS) {
        lastLogNs = now;
        log(now);
      }
    }

    private void log(long now) {
      double seconds = (now - startNs) / 1e9;
      String rate = String.format("%.2f M %s/s", done / seconds / 1e6, unit);
      if (total > 0) {
        LOG.info("{}: {} of {} {} ({}%), {}", task, done, total, unit, Math.round(100.0 * done / total), rate);
      } else {
        LOG.info("{}: {} {}, {}", task, done, unit, rate);
      }
    }

    @Override
    public void close() {
      log(System.nanoTime());
    }
  }
}
