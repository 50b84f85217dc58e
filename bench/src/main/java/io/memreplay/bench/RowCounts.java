package io.memreplay.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Trace rows the benchmark went through, which JMH reports per second beside the primary score (whole
 * traces per second): {@code accesses} is the rate {@code memreplay replay} prints, {@code events} counts
 * rows of every kind, the boot snapshot's {@code contents} rows included.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RowCounts {

  public long accesses;
  public long events;

  /** JMH leaves resetting auxiliary counters to the benchmark. */
  @Setup(Level.Iteration)
  public void reset() {
    accesses = 0;
    events = 0;
  }

  void add(long accessRows, long eventRows) {
    accesses += accessRows;
    events += eventRows;
  }
}
