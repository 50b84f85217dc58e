package io.memreplay.engine.replay;

import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.HostFeedback;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;
import java.util.Arrays;

/**
 * Each VM's clock against the host's, and what the replay loop did with each VM's events, as the loop's
 * own columns of {@code vm_intervals}.
 *
 * <p><b>Closed loop</b> (the default): a VM that waits on the host falls behind. Its vCPUs' waiting, s ns
 * of vCPU time as the host reports it ({@link HostFeedback}), stalls the VM for s / vCPUs of host time (its
 * other vCPUs go on working, on average [I]); the VM's later events happen that much later: host time =
 * trace time + the VM's delay. Stall periods of one VM never overlap: one starts when the VM's event that
 * caused it was replayed, or when the VM's previous stall ended, whichever is later. So the VM's stall
 * within an interval is at most the interval, times its vCPUs in vCPU time ({@code stall_ns}), and the
 * trace time it got through ({@code trace_served_ns}) is the interval less that wall time.
 *
 * <p><b>Open loop</b>: the trace is replayed as recorded; {@code stall_ns} is the sum of the costs of the
 * interval's events, unbounded, and {@code trace_served_ns} the interval.
 *
 * <p>When the loop cannot hold more of a lagging VM's events it cuts the VM's delay ({@link #catchUp},
 * {@code catch_up_ns}): those events come sooner than the stall would let them.
 */
final class VmClocks implements Model {

  private final HostFeedback feedback;
  private final boolean closedLoop;
  /**
   * Host time minus trace time of each VM's next event, ns; rounded, it is told to the host ({@link
   * HostFeedback#setDelayNs}), and {@link #delayNs} reads it back from there.
   */
  private final double[] delay;
  /** The host time until which each VM waits; its stall periods end there and do not overlap. */
  private final double[] busyUntil;
  /** All stall of each VM in host time, ns, waited or still to wait. */
  private final double[] totalWall;
  /** At the current interval's start: wall time waited before it, and the delay reached by then. */
  private final double[] waitedAtStart;
  private final double[] delayAtStart;
  private final double[] openLoopStall;
  private final double[] catchUp;
  private final long[] droppedAccesses;
  private final long[] droppedRecords;
  private final double[] stalls;
  private final int stallColumn;
  private final int servedColumn;
  private final int delayColumn;
  private final int slowdownColumn;
  private final int catchUpColumn;
  private final int droppedAccessesColumn;
  private final int droppedRecordsColumn;

  VmClocks(ModelContext context, boolean closedLoop) {
    int vms = context.vmCount();
    this.feedback = context.feedback();
    this.closedLoop = closedLoop;
    this.delay = new double[vms];
    this.busyUntil = new double[vms];
    Arrays.fill(busyUntil, Double.NEGATIVE_INFINITY);
    this.totalWall = new double[vms];
    this.waitedAtStart = new double[vms];
    this.delayAtStart = new double[vms];
    this.openLoopStall = new double[vms];
    this.catchUp = new double[vms];
    this.droppedAccesses = new long[vms];
    this.droppedRecords = new long[vms];
    this.stalls = new double[vms];
    RowLayout layout = context.layout(Table.VM_INTERVALS);
    stallColumn = layout.column("stall_ns");
    servedColumn = layout.column("trace_served_ns");
    delayColumn = layout.column("trace_delay_ns");
    slowdownColumn = layout.column("slowdown");
    catchUpColumn = layout.column("catch_up_ns");
    droppedAccessesColumn = layout.column("dropped_accesses");
    droppedRecordsColumn = layout.column("dropped_records");
  }

  /** How much later than recorded VM slot {@code slot}'s next events happen: host time − trace time, ns. */
  long delayNs(int slot) {
    return feedback.delayNs(slot);
  }

  /**
   * Takes the waiting the host reported since the last call, at host time {@code nowNs}: in closed loop each
   * VM's stall starts now or when its previous stall ends, and its later events move by it.
   */
  void applyStalls(long nowNs) {
    if (!feedback.stalled()) {
      return;
    }
    feedback.takeStalls(stalls);
    for (int slot = 0; slot < stalls.length; slot++) {
      double vcpuNs = stalls[slot];
      if (vcpuNs <= 0) {
        continue;
      }
      stalls[slot] = 0;
      if (!closedLoop) {
        openLoopStall[slot] += vcpuNs;
        continue;
      }
      double wall = vcpuNs / feedback.vcpus(slot);
      double start = Math.max(nowNs, busyUntil[slot]);
      busyUntil[slot] = start + wall;
      totalWall[slot] += wall;
      setDelay(slot, delay[slot] + wall);
    }
  }

  /**
   * The loop cannot hold VM slot {@code slot}'s events any longer: its delay is cut by {@code ns}, and so is
   * what it still had to wait after {@code nowNs}, as far as that goes.
   */
  void catchUp(int slot, double ns, long nowNs) {
    if (ns <= 0) {
      return;
    }
    double pending = Math.max(0, busyUntil[slot] - nowNs);
    double forgiven = Math.min(ns, pending);
    busyUntil[slot] -= forgiven;
    totalWall[slot] -= forgiven;
    setDelay(slot, delay[slot] - ns);
    catchUp[slot] += ns;
  }

  private void setDelay(int slot, double value) {
    delay[slot] = value;
    feedback.setDelayNs(slot, Math.round(value));
  }

  /** The host time at which the last VM stops waiting, 0 when none waits. */
  long waitsUntilNs() {
    double latest = 0;
    for (double until : busyUntil) {
      latest = Math.max(latest, until);
    }
    return (long) Math.ceil(latest);
  }

  /** An access of VM slot {@code slot} not replayed: the VM did not run. */
  void droppedAccess(int slot) {
    droppedAccesses[slot]++;
  }

  /** A content snapshot, page-table record or demand sample of VM slot {@code slot} not replayed. */
  void droppedRecord(int slot) {
    droppedRecords[slot]++;
  }

  @Override
  public void accesses(Accesses accesses) {
    // the loop tells this model what happened to each VM's events; the accesses are the other models' business
  }

  @Override
  public void closeInterval(IntervalEnd end) {
    applyStalls(end.endNs());
    double length = end.endNs() - end.startNs();
    for (int slot = 0; slot < delay.length; slot++) {
      double stallNs;
      double served;
      double lag;
      if (closedLoop) {
        double waited = waited(slot, end.endNs());
        lag = logicalDelay(slot, end.endNs());
        double stallWall = waited - waitedAtStart[slot];
        stallNs = stallWall * feedback.vcpus(slot);
        served = length - (lag - delayAtStart[slot]);
        waitedAtStart[slot] = waited;
        delayAtStart[slot] = lag;
      } else {
        stallNs = openLoopStall[slot];
        served = length;
        lag = 0;
      }
      Double slowdown = served > 0 ? (served + stallNs / feedback.vcpus(slot)) / served : null;
      end.vmRow(slot)
          .set(stallColumn, Math.round(stallNs))
          .set(servedColumn, Math.round(served))
          .set(delayColumn, Math.round(lag))
          .setNullable(slowdownColumn, slowdown)
          .set(catchUpColumn, Math.round(catchUp[slot]))
          .set(droppedAccessesColumn, droppedAccesses[slot])
          .set(droppedRecordsColumn, droppedRecords[slot]);
      openLoopStall[slot] = 0;
      catchUp[slot] = 0;
      droppedAccesses[slot] = 0;
      droppedRecords[slot] = 0;
    }
  }

  /** Host time VM slot {@code slot} has waited by host time {@code x}: its stall periods are contiguous from before x to their end. */
  private double waited(int slot, long x) {
    return totalWall[slot] - Math.max(0, busyUntil[slot] - x);
  }

  /** How far VM slot {@code slot}'s trace clock is behind host time {@code x}. */
  private double logicalDelay(int slot, long x) {
    return delay[slot] - Math.max(0, busyUntil[slot] - x);
  }
}
