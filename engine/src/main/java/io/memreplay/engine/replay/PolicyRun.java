package io.memreplay.engine.replay;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.Contents;
import io.memreplay.engine.model.DemandSample;
import io.memreplay.engine.model.HostFeedback;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.PageTableOp;
import io.memreplay.engine.model.Tables;
import io.memreplay.engine.model.Threading;
import io.memreplay.engine.model.VmPages;
import io.memreplay.engine.translation.GuestPageTables;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentColumns;
import io.memreplay.schemas.trace.DemandColumns;
import io.memreplay.schemas.trace.PageTableColumns;
import io.memreplay.schemas.trace.RecordKind;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One policy's replay of the host: takes batches in time order, resolves each event's VM and guest page
 * once, and hands stretches of events to the policy's models ({@link ModelRegistry}), which it does not
 * otherwise know. Closes an output interval whenever host time crosses its end. Single-threaded; {@link
 * Replay} runs it on a thread of its pool.
 *
 * <p>Events of one instant are replayed in the order page-table records, content snapshots, demand samples,
 * accesses. A stretch never crosses an output interval's end nor the next tick of any model, so each model
 * sees the others as their last tick left them. Times are host times: a VM's trace time plus its delay
 * ({@link VmClocks}); events of VMs out of step go through {@link HostTimeMerge}. Nothing of a VM that does
 * not run is replayed ({@link HostFeedback#running}).
 */
final class PolicyRun {

  private static final int PAGE_SHIFT = 12;
  private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;
  private static final int KINDS = RecordKind.values().length;
  private static final int PAGETABLE = RecordKind.PAGETABLE.ordinal();
  private static final int CONTENTS = RecordKind.CONTENTS.ordinal();
  private static final int DEMAND = RecordKind.DEMAND.ordinal();
  private static final int ACCESSES = RecordKind.ACCESSES.ordinal();
  /**
   * Pages tracked beyond which models read pages' state ahead ({@link Accesses#readAhead}): 64 K pages keep
   * about 200 KB of the state they read ahead, which stays in a core's second-level cache.
   */
  static final long READ_AHEAD_PAGES = 1 << 16;

  private final RunIdentity identity;
  private final Policy policy;
  private final VmSlots slots;
  private final long intervalNs;
  private final Tables tables = new Tables();
  private final ModelContext context;
  private final Model[] models;
  private final HostFeedback feedback;
  private final VmClocks clocks;
  private final HostTimeMerge merge;
  /** Where the current batch of the trace is, and the staging batch of held events: a row per kind. */
  private final int[] batchCursor = new int[KINDS];
  private final int[] stagingCursor = new int[KINDS];
  private final TraceBatch staging = new TraceBatch(Accesses.CAPACITY, Accesses.CAPACITY);
  private final VmPages[] pages;
  private final GuestPageTables[] guestTables;
  private final TraceRegions traceRegions;
  private final RecentPages recent;
  private final Accesses accesses = new Accesses();
  private final Contents contents = new Contents();
  private final DemandSample demandSample = new DemandSample();
  private final PageTableOp pageTableOp = new PageTableOp();
  private RunOutput output;

  /** The latest host time the run has reached. */
  private long nowNs;
  private long intervalStartNs;
  private long intervalEndNs;
  private long nextTickNs;
  private IntervalEnd lastClosed;

  private long accessCount;
  private long droppedAccesses;
  private long pagetableOps;
  private long pageContents;
  private long demandSamples;

  /**
   * @param traceVmIds the VM ids the trace has events of
   * @param traceStartNs when the trace starts
   * @param observerThreading whether the models that only observe (translation, the curves) may run on threads of their own
   */
  PolicyRun(RunIdentity identity, Policy policy, Scenario scenario, String host, VmSlots slots, ReplayOptions options,
      List<Integer> traceVmIds, long traceStartNs, Threading observerThreading) {
    this.identity = identity;
    this.policy = policy;
    this.slots = slots;
    this.intervalNs = options.intervalNs();
    this.intervalStartNs = Math.floorDiv(traceStartNs, intervalNs) * intervalNs;
    this.intervalEndNs = intervalStartNs + intervalNs;
    this.nowNs = intervalStartNs;
    int vms = slots.size();
    this.pages = new VmPages[vms];
    this.guestTables = new GuestPageTables[vms];
    this.traceRegions = new TraceRegions(vms);
    this.recent = new RecentPages(vms);
    TranslationPolicy translation = policy.translation();
    for (int slot = 0; slot < vms; slot++) {
      VmSpec spec = slots.vm(slot);
      pages[slot] = new VmPages();
      guestTables[slot] = new GuestPageTables(translation.guestLevels(), translation.guestPages(),
          translation.placement(), spec.configuredPages(), options.seed() + slot);
    }
    this.context = new ModelContext(identity.runId(), policy.name(), host, slots.vms(), pages, tables, intervalStartNs);
    this.feedback = context.feedback();
    this.clocks = new VmClocks(context, options.pacing() == Pacing.CLOSED_LOOP);
    this.merge = new HostTimeMerge(slots, clocks, feedback, traceVmIds, options.maxHeldEvents(), Accesses.CAPACITY);
    List<Model> built = new ArrayList<>();
    built.add(clocks);
    built.addAll(ModelRegistry.build(context, policy, scenario, options, guestTables, observerThreading,
        traceStartNs));
    this.models = built.toArray(new Model[0]);
    this.nextTickNs = nextTick();
  }

  RunIdentity identity() {
    return identity;
  }

  Policy policy() {
    return policy;
  }

  /** The layouts of the run's result tables, complete once the run is built. */
  Tables tables() {
    return tables;
  }

  /** Where the run's rows go; set before the first batch. */
  void writeTo(RunOutput output) {
    this.output = output;
  }

  RunOutput output() {
    return output;
  }

  long accesses() {
    return accessCount;
  }

  /** Accesses not replayed because their VM was powered off. */
  long droppedAccesses() {
    return droppedAccesses;
  }

  long pagetableOps() {
    return pagetableOps;
  }

  long pageContents() {
    return pageContents;
  }

  long demandSamples() {
    return demandSamples;
  }

  /** Guest pages of all VMs this run keeps state for. */
  long trackedPages() {
    long tracked = 0;
    for (VmPages vmPages : pages) {
      tracked += vmPages.pageCount();
    }
    return tracked;
  }

  /**
   * Replays a batch. While the VMs are in step its events go as they come, kinds merged into (ts_ns, kind)
   * order; the rest are held and go in host-time order when nothing still to be read can come before them
   * ({@link HostTimeMerge}).
   */
  void process(TraceBatch batch) throws IOException {
    merge.read(batch);
    Arrays.fill(batchCursor, 0);
    if (merge.inStep()) {
      replay(batch, batchCursor, true);
    }
    merge.hold(batch, batchCursor);
    long bound = merge.boundNs();
    merge.enforceBound(bound, nowNs);
    release(bound);
  }

  /** Replays the held events up to host time {@code boundNs}, a staging batch at a time, between ticks. */
  private void release(long boundNs) throws IOException {
    while (true) {
      long head = merge.headNs(nowNs);
      if (head == Long.MAX_VALUE || head > boundNs) {
        return;
      }
      long upTo = Math.min(intervalEndNs, nextTickNs);
      if (head >= upTo) {
        advanceTo(upTo);
        continue;
      }
      merge.stage(staging, upTo, boundNs, nowNs);
      Arrays.fill(stagingCursor, 0);
      replay(staging, stagingCursor, false);
    }
  }

  /**
   * Replays {@code batch} from row {@code at[kind]} of each kind on, kinds merged into (time, kind) order,
   * and advances {@code at}. A batch of the trace ({@code inStep}) has trace times, which the VMs' common
   * delay turns into host times; it stops when the VMs fall out of step. A staging batch has host times.
   */
  private void replay(TraceBatch batch, int[] at, boolean inStep) throws IOException {
    AccessColumns access = batch.accesses;
    ContentColumns content = batch.contents;
    PageTableColumns pagetable = batch.pagetable;
    DemandColumns demand = batch.demand;
    while (!inStep || merge.inStep()) {
      long offset = inStep ? merge.commonDelayNs() : 0;
      long aTs = time(access, at[ACCESSES], offset);
      long pTs = time(pagetable, at[PAGETABLE], offset);
      long cTs = time(content, at[CONTENTS], offset);
      long dTs = time(demand, at[DEMAND], offset);
      if (pTs <= cTs && pTs <= dTs && pTs <= aTs) {
        if (pTs == Long.MAX_VALUE) {
          return;
        }
        advanceTo(pTs);
        applyPageTableOp(pagetable, at[PAGETABLE]++);
        applyStalls();
      } else if (cTs <= dTs && cTs <= aTs) {
        advanceTo(cTs);
        at[CONTENTS] = replayStretches(content, at[CONTENTS], Math.min(pTs, Math.min(after(dTs), after(aTs))), offset, inStep);
      } else if (dTs <= aTs) {
        advanceTo(dTs);
        applyDemand(demand, at[DEMAND]++);
        applyStalls();
      } else {
        advanceTo(aTs);
        at[ACCESSES] = replayStretches(access, at[ACCESSES], Math.min(pTs, Math.min(cTs, dTs)), offset, inStep);
      }
    }
  }

  /** The host time of row {@code row} of {@code columns}, or {@link Long#MAX_VALUE} past the last row. */
  private static long time(Columns columns, int row, long offsetNs) {
    return row < columns.size() ? columns.tsNs[row] + offsetNs : Long.MAX_VALUE;
  }

  /** The first time after {@code ts}: events at {@code ts} of an earlier kind go before it. */
  private static long after(long ts) {
    return ts == Long.MAX_VALUE ? ts : ts + 1;
  }

  /** The end of the current stretch: the first time at or after {@code boundNs}, an interval's end or a tick. */
  private long stretchLimit(long boundNs) {
    return Math.min(boundNs, Math.min(intervalEndNs, nextTickNs));
  }

  /** The host takes the waiting it reported as of now: stalled VMs fall behind (closed loop). */
  private void applyStalls() {
    clocks.applyStalls(nowNs);
  }

  /**
   * Replays accesses or content snapshots from row {@code from} whose host time ({@code ts_ns} +
   * {@code offsetNs}) comes before {@code boundNs} and the stretch's limit, a stretch at a time; returns the
   * next row. In step, it stops where a stall moved the VMs' delay.
   */
  private int replayStretches(Columns rows, int from, long boundNs, long offsetNs, boolean inStep) {
    boolean isAccess = rows.kind() == RecordKind.ACCESSES;
    long[] ts = rows.tsNs;
    int[] vm = rows.vm;
    long limit = stretchLimit(boundNs) - offsetNs;
    int n = rows.size();
    int i = from;
    while (i < n && ts[i] < limit) {
      if (!feedback.allRunning() && !runs(vm[i])) {
        dropped(isAccess, slots.slot(vm[i]));
        i++;
        continue;
      }
      int end = Math.min(n, i + Accesses.CAPACITY); // a stretch of contents holds as many
      int stop = i + 1;
      while (stop < end && ts[stop] < limit && (feedback.allRunning() || runs(vm[stop]))) {
        stop++;
      }
      if (isAccess) {
        feedAccesses((AccessColumns) rows, i, stop, offsetNs);
      } else {
        feedContents((ContentColumns) rows, i, stop);
      }
      i = stop;
      if (feedback.stalled()) {
        applyStalls();
        if (inStep && (!merge.inStep() || merge.commonDelayNs() != offsetNs)) {
          break;
        }
      }
    }
    if (isAccess) {
      accessCount += i - from;
    } else {
      pageContents += i - from;
    }
    return i;
  }

  /** An access or content snapshot of VM slot {@code slot} is not replayed: the VM does not run. */
  private void dropped(boolean isAccess, int slot) {
    if (isAccess) {
      droppedAccesses++;
      clocks.droppedAccess(slot);
    } else {
      clocks.droppedRecord(slot);
    }
  }

  private void feedAccesses(AccessColumns access, int from, int to, long offsetNs) {
    resolve(access, from, to);
    accesses.timeOffsetNs = offsetNs;
    for (Model model : models) {
      model.accesses(accesses);
    }
  }

  /**
   * The VM slot and guest page of every access of a stretch, looked up before any model runs: the lookups
   * of different accesses do not depend on each other, so the processor overlaps their cache misses. Pages
   * get their indices in access order; a page the VM touched lately is not looked up again.
   */
  private void resolve(AccessColumns access, int from, int to) {
    Accesses resolved = accesses;
    if (!resolved.readAhead) {
      // pages are never forgotten: once there are too many to stay in cache, there always are
      resolved.readAhead = trackedPages() > READ_AHEAD_PAGES;
    }
    resolved.columns = access;
    resolved.from = from;
    resolved.to = to;
    int[] vm = access.vm;
    int[] asid = access.asid;
    long[] gva = access.gva;
    long[] gpa = access.gpa;
    int[] bytes = access.bytes;
    for (int i = from; i < to; i++) {
      int k = i - from;
      int slot = slots.slot(vm[i]);
      long physical = gpa[i];
      boolean known = physical >= 0;
      long address = known ? physical : gva[i];
      long number = address >>> PAGE_SHIFT;
      resolved.slot[k] = slot;
      int entry = RecentPages.entryOf(slot, number);
      if (!recent.holds(entry, known, asid[i], number)) {
        long gpn = known ? number : guestTables[slot].place(asid[i], gva[i]);
        VmPages vmPages = pages[slot];
        recent.remember(entry, known, asid[i], number, gpn, vmPages.indexOf(gpn), vmPages.regionOf(gpn),
            traceRegions.indexOf(slot, known, asid[i], address));
      }
      resolved.gpn[k] = recent.gpn(entry);
      resolved.page[k] = recent.page(entry);
      resolved.region[k] = recent.region(entry);
      resolved.traceRegion[k] = recent.traceRegion(entry);
      // An access that crosses into the next page touches it too. With a known gpa the next guest
      // physical page is assumed: recorders that know it to differ emit two records.
      if ((address & PAGE_MASK) + bytes[i] > (1 << PAGE_SHIFT)) {
        VmPages vmPages = pages[slot];
        long next = known ? resolved.gpn[k] + 1 : guestTables[slot].place(asid[i], gva[i] + (1 << PAGE_SHIFT));
        resolved.nextGpn[k] = next;
        resolved.nextPage[k] = vmPages.indexOf(next);
        resolved.nextRegion[k] = vmPages.regionOf(next);
        resolved.nextTraceRegion[k] = traceRegions.indexOf(slot, known, asid[i], address + (1 << PAGE_SHIFT));
      } else {
        resolved.nextPage[k] = Accesses.NO_PAGE;
      }
    }
  }

  private void feedContents(ContentColumns content, int from, int to) {
    contents.columns = content;
    contents.from = from;
    contents.to = to;
    for (int row = from; row < to; row++) {
      int slot = slots.slot(content.vm[row]);
      contents.slot[row - from] = slot;
      contents.page[row - from] = pages[slot].indexOf(content.gpn[row]);
    }
    for (Model model : models) {
      model.contents(contents);
    }
  }

  /** Whether the VM with trace id {@code vm} runs: the loop replays nothing of one that does not. */
  private boolean runs(int vm) {
    return feedback.running(slots.slot(vm));
  }

  private void applyPageTableOp(PageTableColumns pagetable, int row) {
    pagetableOps++;
    int slot = slots.slot(pagetable.vm[row]);
    if (!feedback.running(slot)) {
      clocks.droppedRecord(slot);
      return;
    }
    recent.forget(slot);
    guestTables[slot].apply(pagetable.opKind[row], pagetable.asid[row], pagetable.gva[row], pagetable.gpa[row],
        GuestPageTables.sizeOfBytes(pagetable.pageSize[row]));
    pageTableOp.columns = pagetable;
    pageTableOp.row = row;
    pageTableOp.slot = slot;
    for (Model model : models) {
      model.pageTableOp(pageTableOp);
    }
  }

  /**
   * A piece of a demand sample of a trace without accesses ({@link HostTimeMerge}): the VM touches guest
   * pages it had not touched before (each indexed when first seen) and its active pages of the piece.
   */
  private void applyDemand(DemandColumns demand, int row) {
    int slot = slots.slot(demand.vm[row]);
    boolean first = merge.firstPiece(row);
    if (first) {
      demandSamples++;
    }
    if (!feedback.running(slot)) {
      if (first) {
        clocks.droppedRecord(slot);
      }
      return;
    }
    VmPages vmPages = pages[slot];
    long touchedFrom = merge.touchedFrom(row);
    long touchedTo = merge.touchedTo(row);
    long activeFrom = merge.activeFrom(row);
    long activeTo = merge.activeTo(row);
    DemandSample sample = demandSample;
    sample.slot = slot;
    sample.tsNs = demand.tsNs[row];
    sample.reserve((int) (touchedTo - touchedFrom), (int) (activeTo - activeFrom));
    sample.newlyTouched = 0;
    for (long gpn = touchedFrom; gpn < touchedTo; gpn++) {
      sample.newlyTouchedPages[sample.newlyTouched++] = vmPages.indexOf(gpn);
    }
    sample.active = (int) (activeTo - activeFrom);
    for (long gpn = activeFrom; gpn < activeTo; gpn++) {
      int k = (int) (gpn - activeFrom);
      sample.activePages[k] = vmPages.indexOf(gpn);
      sample.activeRegions[k] = vmPages.regionOf(gpn);
    }
    for (Model model : models) {
      model.demand(sample);
    }
  }

  /**
   * Host time reaches {@code hostNs}: closes every output interval that ends at or before it, running the
   * models' ticks up to it, and takes the waiting the ticks caused.
   */
  private void advanceTo(long hostNs) throws IOException {
    nowNs = Math.max(nowNs, hostNs);
    while (hostNs >= intervalEndNs) {
      for (Model model : models) {
        model.advanceTo(intervalEndNs);
      }
      closeInterval();
    }
    for (Model model : models) {
      model.advanceTo(hostNs);
    }
    applyStalls();
    nextTickNs = nextTick();
  }

  private long nextTick() {
    long next = Long.MAX_VALUE;
    for (Model model : models) {
      next = Math.min(next, model.nextTickNs());
    }
    return next;
  }

  /**
   * The trace ended at {@code traceEndNs}: the held events go, the VMs wait out their last stalls, and the
   * interval holding that moment runs to its end and closes: the run's last rows.
   */
  void finish(long traceEndNs) throws IOException {
    release(Long.MAX_VALUE);
    advanceTo(Math.max(traceEndNs, clocks.waitsUntilNs()));
    advanceTo(intervalEndNs);
    for (Model model : models) {
      model.finish(lastClosed);
    }
  }

  private void closeInterval() throws IOException {
    IntervalEnd end = new IntervalEnd(context, intervalStartNs, intervalEndNs, output);
    for (Model model : models) {
      model.closeInterval(end);
    }
    end.emitSharedRows();
    lastClosed = end;
    intervalStartNs = intervalEndNs;
    intervalEndNs += intervalNs;
  }
}
