package io.memreplay.engine.replay;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.Contents;
import io.memreplay.engine.model.DemandSample;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.PageTableOp;
import io.memreplay.engine.model.Tables;
import io.memreplay.engine.model.VmPages;
import io.memreplay.engine.translation.GuestPageTables;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentColumns;
import io.memreplay.schemas.trace.DemandColumns;
import io.memreplay.schemas.trace.PageTableColumns;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.util.List;

/**
 * One policy's replay of the host: takes batches in time order, resolves each event's VM and guest page
 * once, and hands stretches of events to the policy's models ({@link ModelRegistry}), which it does not
 * otherwise know. Closes an output interval whenever trace time crosses its end. Single-threaded; {@link
 * Replay} runs it on a thread of its pool.
 *
 * <p>Events of one instant are replayed in the order page-table records, content snapshots, demand samples,
 * accesses. A stretch never crosses an output interval's end nor the next tick of any model, so each model
 * sees the others as their last tick left them.
 */
final class PolicyRun {

  private static final int PAGE_SHIFT = 12;
  private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;
  /** Scenario memory is in MB; the guest allocator model places pages within the configured memory. */
  private static final long PAGES_PER_MB = 256;

  private final RunIdentity identity;
  private final Policy policy;
  private final VmSlots slots;
  private final long intervalNs;
  private final Tables tables = new Tables();
  private final ModelContext context;
  private final Model[] models;
  private final VmPages[] pages;
  private final GuestPageTables[] guestTables;
  /** Demand samples: guest pages 0 .. this − 1 of each VM have been touched. */
  private final long[] demandTouched;
  private final RecentPages recent;
  private final Accesses accesses = new Accesses();
  private final Contents contents = new Contents();
  private final DemandSample demandSample = new DemandSample();
  private final PageTableOp pageTableOp = new PageTableOp();
  private RunOutput output;

  private long intervalStartNs;
  private long intervalEndNs;
  private long nextTickNs;
  private IntervalEnd lastClosed;

  private long accessCount;
  private long pagetableOps;
  private long pageContents;
  private long demandSamples;

  PolicyRun(RunIdentity identity, Policy policy, Scenario scenario, String host, VmSlots slots, ReplayOptions options,
      long traceStartNs) {
    this.identity = identity;
    this.policy = policy;
    this.slots = slots;
    this.intervalNs = options.intervalNs();
    this.intervalStartNs = Math.floorDiv(traceStartNs, intervalNs) * intervalNs;
    this.intervalEndNs = intervalStartNs + intervalNs;
    int vms = slots.size();
    this.pages = new VmPages[vms];
    this.guestTables = new GuestPageTables[vms];
    this.demandTouched = new long[vms];
    this.recent = new RecentPages(vms);
    TranslationPolicy translation = policy.translation();
    for (int slot = 0; slot < vms; slot++) {
      VmSpec spec = slots.vm(slot);
      pages[slot] = new VmPages();
      guestTables[slot] = new GuestPageTables(translation.guestLevels(), translation.guestPages(),
          translation.placement(), spec.memoryMb() * PAGES_PER_MB, options.seed() + slot);
    }
    this.context = new ModelContext(identity.runId(), policy.name(), host, slots.vms(), pages, tables, intervalStartNs);
    List<Model> built = ModelRegistry.build(context, policy, scenario, options, guestTables, traceStartNs);
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

  /** Replays a batch, its kinds merged into (ts_ns, kind) order. */
  void process(TraceBatch batch) throws IOException {
    AccessColumns access = batch.accesses;
    ContentColumns content = batch.contents;
    PageTableColumns pagetable = batch.pagetable;
    DemandColumns demand = batch.demand;
    int a = 0;
    int p = 0;
    int c = 0;
    int d = 0;
    while (true) {
      long aTs = a < access.size() ? access.tsNs[a] : Long.MAX_VALUE;
      long pTs = p < pagetable.size() ? pagetable.tsNs[p] : Long.MAX_VALUE;
      long cTs = c < content.size() ? content.tsNs[c] : Long.MAX_VALUE;
      long dTs = d < demand.size() ? demand.tsNs[d] : Long.MAX_VALUE;
      if (pTs <= cTs && pTs <= dTs && pTs <= aTs) {
        if (pTs == Long.MAX_VALUE) {
          return;
        }
        advanceTo(pTs);
        applyPageTableOp(pagetable, p++);
      } else if (cTs <= dTs && cTs <= aTs) {
        advanceTo(cTs);
        c = replayContents(content, c, Math.min(pTs, Math.min(after(dTs), after(aTs))));
      } else if (dTs <= aTs) {
        advanceTo(dTs);
        applyDemand(demand, d++);
      } else {
        advanceTo(aTs);
        a = replayAccesses(access, a, Math.min(pTs, Math.min(cTs, dTs)));
      }
    }
  }

  /** The first time after {@code ts}: events at {@code ts} of an earlier kind go before it. */
  private static long after(long ts) {
    return ts == Long.MAX_VALUE ? ts : ts + 1;
  }

  /** The end of the current stretch: the first time at or after {@code boundNs}, an interval's end or a tick. */
  private long stretchLimit(long boundNs) {
    return Math.min(boundNs, Math.min(intervalEndNs, nextTickNs));
  }

  /** Replays accesses from row {@code from} that come before {@code boundNs} and the stretch's limit; returns the next row. */
  private int replayAccesses(AccessColumns access, int from, long boundNs) {
    long[] ts = access.tsNs;
    long limit = stretchLimit(boundNs);
    int n = access.size();
    int i = from;
    while (i < n && ts[i] < limit) {
      int end = Math.min(n, i + Accesses.CAPACITY);
      int stop = i + 1;
      while (stop < end && ts[stop] < limit) {
        stop++;
      }
      resolve(access, i, stop);
      for (Model model : models) {
        model.accesses(accesses);
      }
      i = stop;
    }
    accessCount += i - from;
    return i;
  }

  /**
   * The VM slot and guest page of every access of a stretch, looked up before any model runs: the lookups
   * of different accesses do not depend on each other, so the processor overlaps their cache misses. Pages
   * get their indices in access order; a page the VM touched lately is not looked up again.
   */
  private void resolve(AccessColumns access, int from, int to) {
    Accesses resolved = accesses;
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
        recent.remember(entry, known, asid[i], number, gpn, vmPages.indexOf(gpn), vmPages.regionOf(gpn));
      }
      resolved.gpn[k] = recent.gpn(entry);
      resolved.page[k] = recent.page(entry);
      resolved.region[k] = recent.region(entry);
      // An access that crosses into the next page touches it too. With a known gpa the next guest
      // physical page is assumed: recorders that know it to differ emit two records.
      if ((address & PAGE_MASK) + bytes[i] > (1 << PAGE_SHIFT)) {
        VmPages vmPages = pages[slot];
        long next = known ? resolved.gpn[k] + 1 : guestTables[slot].place(asid[i], gva[i] + (1 << PAGE_SHIFT));
        resolved.nextGpn[k] = next;
        resolved.nextPage[k] = vmPages.indexOf(next);
        resolved.nextRegion[k] = vmPages.regionOf(next);
      } else {
        resolved.nextPage[k] = Accesses.NO_PAGE;
      }
    }
  }

  /** Replays content snapshots from row {@code from} that come before {@code boundNs} and the stretch's limit. */
  private int replayContents(ContentColumns content, int from, long boundNs) {
    long[] ts = content.tsNs;
    long limit = stretchLimit(boundNs);
    int n = content.size();
    int i = from;
    while (i < n && ts[i] < limit) {
      int end = Math.min(n, i + Contents.CAPACITY);
      int stop = i + 1;
      while (stop < end && ts[stop] < limit) {
        stop++;
      }
      contents.columns = content;
      contents.from = i;
      contents.to = stop;
      for (int row = i; row < stop; row++) {
        int slot = slots.slot(content.vm[row]);
        contents.slot[row - i] = slot;
        contents.page[row - i] = pages[slot].indexOf(content.gpn[row]);
      }
      for (Model model : models) {
        model.contents(contents);
      }
      i = stop;
    }
    pageContents += i - from;
    return i;
  }

  private void applyPageTableOp(PageTableColumns pagetable, int row) {
    pagetableOps++;
    int slot = slots.slot(pagetable.vm[row]);
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
   * A demand sample of a trace without accesses: the VM has touched guest pages 0 .. touched − 1 (each is
   * indexed when first seen) and uses pages 0 .. active − 1 now.
   */
  private void applyDemand(DemandColumns demand, int row) {
    demandSamples++;
    int slot = slots.slot(demand.vm[row]);
    VmPages vmPages = pages[slot];
    long active = demand.activePages[row];
    long touched = Math.max(active, demand.touchedPages[row] == Columns.NULL ? 0 : demand.touchedPages[row]);
    long firstNew = demandTouched[slot];
    DemandSample sample = demandSample;
    sample.slot = slot;
    sample.tsNs = demand.tsNs[row];
    sample.reserve((int) Math.max(0, touched - firstNew), (int) active);
    sample.newlyTouched = 0;
    for (long gpn = firstNew; gpn < touched; gpn++) {
      sample.newlyTouchedPages[sample.newlyTouched++] = vmPages.indexOf(gpn);
    }
    demandTouched[slot] = Math.max(firstNew, touched);
    sample.active = (int) active;
    for (int gpn = 0; gpn < active; gpn++) {
      sample.activePages[gpn] = vmPages.indexOf(gpn);
      sample.activeRegions[gpn] = vmPages.regionOf(gpn);
    }
    for (Model model : models) {
      model.demand(sample);
    }
  }

  /** Closes every output interval that ends at or before {@code nowNs}, running the models' ticks up to it. */
  private void advanceTo(long nowNs) throws IOException {
    while (nowNs >= intervalEndNs) {
      for (Model model : models) {
        model.advanceTo(intervalEndNs);
      }
      closeInterval();
    }
    for (Model model : models) {
      model.advanceTo(nowNs);
    }
    nextTickNs = nextTick();
  }

  private long nextTick() {
    long next = Long.MAX_VALUE;
    for (Model model : models) {
      next = Math.min(next, model.nextTickNs());
    }
    return next;
  }

  /** Closes intervals up to and including the one holding {@code traceEndNs}: the run's last rows. */
  void finish(long traceEndNs) throws IOException {
    advanceTo(traceEndNs);
    closeInterval();
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
