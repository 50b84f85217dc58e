package io.memreplay.engine.replay;

import io.memreplay.engine.model.HostFeedback;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.DemandColumns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import java.util.List;
import java.util.Set;

/**
 * Puts the trace's events in host-time order for the replay loop when trace order will not do: a VM
 * delayed by its stalls ({@link VmClocks}) has its later events happen later, after other VMs' events
 * recorded after them, and a demand sample's touches are spread over the period it describes.
 *
 * <p>As long as every VM that still has events is equally delayed, nothing is held and the loop replays
 * batches as they come ({@link #inStep}). Otherwise every event is held, copied out of its batch into its
 * VM's queue, and released in (host time, kind, VM) order once no event yet to be read can come before it:
 * events read later are recorded no earlier than the last one read (the frontier), and no VM's delay is
 * below the smallest delay of the VMs that run and have events in the trace, so everything up to frontier +
 * that delay − the longest demand period seen can go. The events held are what a lagging VM recorded over
 * its lag; at most {@code maxHeldEvents} are, and past that the VM holding the most has its delay cut
 * ({@link VmClocks#catchUp}) so that its oldest events go at once.
 *
 * <p>A demand sample of period P recorded at t touches its active pages (and first touches its newly
 * touched ones) in one piece per second of P, evenly from t − P to t [I], each piece an event of its own
 * whose stall delays the next. A piece the replay has already passed goes at once.
 */
final class HostTimeMerge {

  /** One demand piece a second: the host's tick, so each piece meets the host as the last tick left it. */
  static final long PIECE_NS = 1_000_000_000L;
  private static final RecordKind[] KIND_OF = RecordKind.values();
  private static final int KINDS = KIND_OF.length;
  private static final int DEMAND = RecordKind.DEMAND.ordinal();
  private static final long NONE = Long.MAX_VALUE;

  private final VmSlots slots;
  private final VmClocks clocks;
  private final HostFeedback feedback;
  private final boolean[] inTrace;
  private final HeldRows[][] held;
  private final int[] heldOfVm;
  private long heldEvents;
  private final long maxHeldEvents;
  private long frontierNs = Long.MIN_VALUE;
  private long lookaheadNs;

  // the demand sample at the head of each VM's queue, being spread
  private final long[] demandTouched;
  private final int[] nextPiece;
  private final long[] sampleTouchedFrom;
  private final long[] sampleTouchedTo;

  // the pieces staged, by row of the staging batch's demand block
  private final long[] activeFrom;
  private final long[] activeTo;
  private final long[] touchedFrom;
  private final long[] touchedTo;
  private final boolean[] firstPiece;

  /** Each VM's next held event as of the last look, in release order. */
  private final HeadOrder heads;
  /** What every live VM's delay says, as of {@link HostFeedback#changes} = {@code surveyedAt}. */
  private long surveyedAt = -1;
  private boolean liveInStep;
  private long liveMinDelayNs;

  /**
   * @param traceVmIds the VM ids the trace has events of (all of the scenario's when empty): only their
   *     delays hold others back
   * @param stageCapacity the most events {@link #stage} puts in a staging batch
   */
  HostTimeMerge(VmSlots slots, VmClocks clocks, HostFeedback feedback, List<Integer> traceVmIds, long maxHeldEvents,
      int stageCapacity) {
    this.slots = slots;
    this.clocks = clocks;
    this.feedback = feedback;
    int vms = slots.size();
    this.inTrace = new boolean[vms];
    // a set: hosts of thousands of VMs would otherwise search the list once per VM
    Set<Integer> traceVms = Set.copyOf(traceVmIds);
    for (int slot = 0; slot < vms; slot++) {
      inTrace[slot] = traceVms.isEmpty() || traceVms.contains(slots.vm(slot).id());
    }
    this.held = new HeldRows[vms][KINDS];
    for (RecordKind kind : KIND_OF) {
      HeldRows.Spares spares = new HeldRows.Spares();
      for (int slot = 0; slot < vms; slot++) {
        held[slot][kind.ordinal()] = new HeldRows(kind, spares);
      }
    }
    this.heldOfVm = new int[vms];
    this.maxHeldEvents = maxHeldEvents;
    this.demandTouched = new long[vms];
    this.nextPiece = new int[vms];
    this.sampleTouchedFrom = new long[vms];
    this.sampleTouchedTo = new long[vms];
    this.activeFrom = new long[stageCapacity];
    this.activeTo = new long[stageCapacity];
    this.touchedFrom = new long[stageCapacity];
    this.touchedTo = new long[stageCapacity];
    this.firstPiece = new boolean[stageCapacity];
    this.heads = new HeadOrder(vms);
  }

  /** A batch arrives: its events are the latest read, and its demand samples may need looking further ahead. */
  void read(TraceBatch batch) {
    for (RecordKind kind : KIND_OF) {
      Columns columns = batch.columns(kind);
      if (!columns.isEmpty()) {
        frontierNs = Math.max(frontierNs, columns.tsNs[columns.size() - 1]);
      }
    }
    DemandColumns demand = batch.demand;
    for (int row = 0; row < demand.size(); row++) {
      lookaheadNs = Math.max(lookaheadNs, demand.periodNs[row]);
    }
  }

  /**
   * Whether the loop may replay batches as they come: nothing is held, no demand sample needs spreading, and
   * the VMs that run and have events are all equally delayed ({@link #commonDelayNs}).
   */
  boolean inStep() {
    if (heldEvents > 0 || lookaheadNs > 0) {
      return false;
    }
    survey();
    return liveInStep;
  }

  /** The delay every live VM has while {@link #inStep}. */
  long commonDelayNs() {
    survey();
    return liveMinDelayNs;
  }

  /**
   * Reads the delays of the VMs that run and have events in the trace, once per change of any VM's delay or
   * power: the loop asks after every stretch.
   */
  private void survey() {
    if (feedback.changes() == surveyedAt) {
      return;
    }
    surveyedAt = feedback.changes();
    long min = NONE;
    boolean equal = true;
    for (int slot = 0; slot < inTrace.length; slot++) {
      if (inTrace[slot] && feedback.running(slot)) {
        long delay = clocks.delayNs(slot);
        equal &= min == NONE || delay == min;
        min = Math.min(min, delay);
      }
    }
    liveInStep = equal;
    liveMinDelayNs = min == NONE ? 0 : min;
  }

  /** Holds the batch's events from row {@code from[kind]} of each kind on: the loop could not replay them in step. */
  void hold(TraceBatch batch, int[] from) {
    for (RecordKind kind : KIND_OF) {
      Columns columns = batch.columns(kind);
      int k = kind.ordinal();
      int[] vm = columns.vm;
      for (int row = from[k]; row < columns.size(); row++) {
        int slot = slots.slot(vm[row]);
        held[slot][k].add(columns, row);
        heldOfVm[slot]++;
      }
      heldEvents += columns.size() - from[k];
    }
  }

  /** Host time up to which held events can go now: no event yet to be read comes before it. */
  long boundNs() {
    survey();
    return frontierNs + liveMinDelayNs - lookaheadNs;
  }

  /**
   * Past {@code maxHeldEvents}, the VM holding the most has its delay cut so that enough of its oldest
   * events can go by {@code boundNs} to bring the held events back to seven eighths of the bound.
   */
  void enforceBound(long boundNs, long nowNs) {
    if (heldEvents <= maxHeldEvents) {
      return;
    }
    int lagging = 0;
    for (int slot = 1; slot < heldOfVm.length; slot++) {
      if (heldOfVm[slot] > heldOfVm[lagging]) {
        lagging = slot;
      }
    }
    long excess = heldEvents - maxHeldEvents + maxHeldEvents / 8;
    HeldRows most = held[lagging][0];
    for (HeldRows rows : held[lagging]) {
      if (rows.size() > most.size()) {
        most = rows;
      }
    }
    int last = (int) Math.min(most.size(), Math.max(1, excess * most.size() / heldOfVm[lagging])) - 1;
    double cut = clocks.delayNs(lagging) - (double) (boundNs - most.tsAt(last));
    clocks.catchUp(lagging, cut, nowNs);
  }

  /** The host time of the earliest held event, not before {@code nowNs}; {@link Long#MAX_VALUE} when none is held. */
  long headNs(long nowNs) {
    lookAll(nowNs);
    int first = heads.first();
    return first == HeadOrder.NONE ? NONE : heads.hostNs(first);
  }

  /** Looks at every VM's next held event again: host time and the VMs' delays may have moved. */
  private void lookAll(long nowNs) {
    for (int slot = 0; slot < heldOfVm.length; slot++) {
      if (heldOfVm[slot] > 0) {
        look(slot, nowNs);
      }
    }
  }

  /**
   * Moves held events into {@code staging}, cleared first, in (host time, kind, VM) order with their host
   * times as {@code ts_ns}: those before {@code upToNs} and not after {@code boundNs}, at most the staging
   * capacity. Events the replay has passed ({@code nowNs}) go at {@code nowNs}.
   *
   * @return the events staged
   */
  int stage(TraceBatch staging, long upToNs, long boundNs, long nowNs) {
    staging.clear();
    lookAll(nowNs);
    int staged = 0;
    while (staged < activeFrom.length) {
      int first = heads.first();
      if (first == HeadOrder.NONE || heads.hostNs(first) >= upToNs || heads.hostNs(first) > boundNs) {
        break;
      }
      emit(first, staging);
      staged++;
      if (heldOfVm[first] == 0) {
        heads.remove(first);
      } else {
        look(first, nowNs);
      }
    }
    return staged;
  }

  /** Where the piece staged as demand row {@code row} starts touching: guest pages [{@link #activeFrom}, {@link #activeTo}) are active. */
  long activeFrom(int row) {
    return activeFrom[row];
  }

  long activeTo(int row) {
    return activeTo[row];
  }

  /** Guest pages [{@link #touchedFrom}, {@link #touchedTo}) are touched for the first time by the piece. */
  long touchedFrom(int row) {
    return touchedFrom[row];
  }

  long touchedTo(int row) {
    return touchedTo[row];
  }

  /** Whether the piece is its sample's first: the sample counts once. */
  boolean firstPiece(int row) {
    return firstPiece[row];
  }

  /** Finds VM slot {@code slot}'s next held event: its kind and host time. */
  private void look(int slot, long nowNs) {
    long ts = NONE;
    int kind = -1;
    HeldRows[] rows = held[slot];
    for (int k = 0; k < KINDS; k++) {
      if (!rows[k].isEmpty()) {
        long at = k == DEMAND ? pieceTs(slot) : rows[k].headTs();
        if (at < ts) {
          ts = at;
          kind = k;
        }
      }
    }
    heads.set(slot, Math.max(nowNs, ts + clocks.delayNs(slot)), kind);
  }

  /** Trace time of the next piece of the demand sample at the head of the VM's queue. */
  private long pieceTs(int slot) {
    HeldRows demand = held[slot][DEMAND];
    DemandColumns sample = (DemandColumns) demand.headBlock();
    int row = demand.headRow();
    long period = sample.periodNs[row];
    int pieces = pieces(period);
    return sample.tsNs[row] - period + Math.round((double) period * nextPiece[slot] / pieces);
  }

  private static int pieces(long periodNs) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (periodNs + PIECE_NS - 1) / PIECE_NS));
  }

  private void emit(int slot, TraceBatch staging) {
    int kind = heads.kind(slot);
    HeldRows rows = held[slot][kind];
    Columns target = staging.columns(KIND_OF[kind]);
    int row = target.size();
    target.appendRow(rows.headBlock(), rows.headRow());
    target.tsNs[row] = heads.hostNs(slot);
    if (kind == DEMAND && !lastPieceStaged(slot, rows, row)) {
      return;
    }
    rows.pop();
    heldOfVm[slot]--;
    heldEvents--;
  }

  /**
   * Fills in the ranges of the piece just staged as demand row {@code row}; returns true when it was the
   * sample's last, which then leaves the queue.
   */
  private boolean lastPieceStaged(int slot, HeldRows rows, int row) {
    DemandColumns sample = (DemandColumns) rows.headBlock();
    int at = rows.headRow();
    long active = sample.activePages[at];
    int pieces = pieces(sample.periodNs[at]);
    int piece = nextPiece[slot];
    if (piece == 0) {
      long touched = Math.max(active, sample.touchedPages[at] == Columns.NULL ? 0 : sample.touchedPages[at]);
      sampleTouchedFrom[slot] = demandTouched[slot];
      sampleTouchedTo[slot] = Math.max(demandTouched[slot], touched);
      demandTouched[slot] = sampleTouchedTo[slot];
    }
    long newly = sampleTouchedTo[slot] - sampleTouchedFrom[slot];
    activeFrom[row] = active * piece / pieces;
    activeTo[row] = active * (piece + 1) / pieces;
    touchedFrom[row] = sampleTouchedFrom[slot] + newly * piece / pieces;
    touchedTo[row] = sampleTouchedFrom[slot] + newly * (piece + 1) / pieces;
    firstPiece[row] = piece == 0;
    nextPiece[slot] = piece + 1 == pieces ? 0 : piece + 1;
    return piece + 1 == pieces;
  }
}
