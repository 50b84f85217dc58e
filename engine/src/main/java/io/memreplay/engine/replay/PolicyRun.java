package io.memreplay.engine.replay;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.memory.ActiveMemorySampler;
import io.memreplay.engine.memory.HostMemory;
import io.memreplay.engine.memory.LargePageListener;
import io.memreplay.engine.memory.VmPages;
import io.memreplay.engine.sharing.ContentIndex;
import io.memreplay.engine.sharing.SaltGroups;
import io.memreplay.engine.sharing.SharingPotential;
import io.memreplay.engine.translation.GuestPageTables;
import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.translation.VmTranslation;
import io.memreplay.engine.workingset.VmMissRatioCurves;
import io.memreplay.engine.workingset.WorkingSetTracker;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentColumns;
import io.memreplay.schemas.trace.DemandColumns;
import io.memreplay.schemas.trace.PageTableColumns;
import io.memreplay.schemas.trace.TraceBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy's simulation of the host: consumes batches in time order, keeps every VM's pages, working
 * set, contents, translation and host memory, and writes one row per VM (and per working-set window, and
 * one for the host) whenever trace time crosses an output interval boundary. Single-threaded; {@link
 * Replay} gives each run its own thread.
 */
final class PolicyRun implements LargePageListener {

  private static final int PAGE_SHIFT = 12;
  private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;
  /** Scenario memory is in MB; results count 4 KB pages. */
  private static final long PAGES_PER_MB = 256;
  /** Accesses resolved together before their effects are applied; see {@link #resolvePages}. */
  private static final int STRIDE = 256;
  private static final int NO_PAGE = -1;

  private final RunIdentity identity;
  private final Policy policy;
  private final String host;
  private final VmSlots slots;
  private final ReplayOptions options;
  private final RunOutput output;
  private final VmState[] vms;
  private final ContentIndex contents;
  private final HostMemory memory;
  private final long[] windowsNs;
  private final long[] windowPages;
  private final long[] windowRegions;
  private final int[] strideSlots = new int[STRIDE];
  private final int[] stridePages = new int[STRIDE];
  private final int[] strideRegions = new int[STRIDE];
  private final int[] strideNextPages = new int[STRIDE];
  private final int[] strideNextRegions = new int[STRIDE];
  private final long[] strideGpns = new long[STRIDE];
  private final long[] strideNextGpns = new long[STRIDE];
  /** What {@link #warm} read; kept so the reads are not optimized away. */
  private long warmed;

  private long intervalStartNs;
  private long intervalEndNs;

  private long accesses;
  private long pagetableOps;
  private long pageContents;
  private long demandSamples;

  PolicyRun(RunIdentity identity, Policy policy, Scenario scenario, String host, VmSlots slots, ReplayOptions options,
      long traceStartNs, RunOutput output) {
    this.identity = identity;
    this.policy = policy;
    this.host = host;
    this.slots = slots;
    this.options = options;
    this.output = output;
    this.intervalStartNs = Math.floorDiv(traceStartNs, options.intervalNs()) * options.intervalNs();
    this.intervalEndNs = intervalStartNs + options.intervalNs();
    this.windowsNs = options.windowsNs();
    long longestNs = Math.max(options.intervalNs(), windowsNs.length == 0 ? 0 : windowsNs[windowsNs.length - 1]);
    this.vms = new VmState[slots.size()];
    List<VmSpec> specs = new ArrayList<>();
    VmPages[] pages = new VmPages[vms.length];
    ActiveMemorySampler.LastTouch[] lastTouch = new ActiveMemorySampler.LastTouch[vms.length];
    for (int slot = 0; slot < vms.length; slot++) {
      vms[slot] = new VmState(slots.vm(slot), policy.translation(), options.seed() + slot, intervalStartNs,
          options.stepNs(), longestNs);
      vms[slot].mrc = VmMissRatioCurves.create(options.mrc(), options.intervalNs(), identity.runId(), policy.name(), host,
          slots.vm(slot).id(), intervalStartNs, options.seed() + slot);
      specs.add(slots.vm(slot));
      pages[slot] = vms[slot].pages;
      lastTouch[slot] = vms[slot].workingSet::lastStepOf;
    }
    int[] groups = SaltGroups.assign(specs, policy.sharing());
    this.contents = new ContentIndex(groups);
    this.memory = new HostMemory(policy, scenario, specs, pages, lastTouch, intervalStartNs, options.stepNs(), contents,
        groups, this, options.seed(), traceStartNs);
    this.windowPages = new long[windowsNs.length];
    this.windowRegions = new long[windowsNs.length];
  }

  RunIdentity identity() {
    return identity;
  }

  RunOutput output() {
    return output;
  }

  long accesses() {
    return accesses;
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

  /** Guest pages the run keeps state for, over all its VMs. */
  long trackedPages() {
    long pages = 0;
    for (VmState state : vms) {
      pages += state.pages.pageCount();
    }
    return pages;
  }

  /**
   * Replays a batch: its kinds merged into (ts_ns, kind) order. Side events (page-table changes, content
   * snapshots, demand samples) are sparse, so accesses run in stretches up to the next side event.
   */
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
      long pTs = p < pagetable.size() ? pagetable.tsNs[p] : Long.MAX_VALUE;
      long cTs = c < content.size() ? content.tsNs[c] : Long.MAX_VALUE;
      long dTs = d < demand.size() ? demand.tsNs[d] : Long.MAX_VALUE;
      long sideTs = Math.min(pTs, Math.min(cTs, dTs));
      a = replayAccesses(access, a, sideTs);
      if (sideTs == Long.MAX_VALUE) {
        return;
      }
      advanceTo(sideTs);
      // Among side events at one instant: page tables, then contents, then demand (RecordKind order).
      if (pTs == sideTs) {
        applyPageTableOp(pagetable, p);
        p++;
      } else if (cTs == sideTs) {
        applyContent(content, c);
        c++;
      } else {
        applyDemand(demand, d);
        d++;
      }
    }
  }

  /** Replays accesses from row {@code from} up to the first at or after {@code boundNs}; returns that row. */
  private int replayAccesses(AccessColumns access, int from, long boundNs) throws IOException {
    long[] ts = access.tsNs;
    int n = access.size();
    int i = from;
    while (i < n && ts[i] < boundNs) {
      advanceTo(ts[i]);
      // strides stay within one output interval (what a row reports is what that interval's accesses did)
      // and within one tick of the host's memory mechanisms
      long limit = Math.min(Math.min(boundNs, intervalEndNs), memory.nextTickNs());
      int end = i;
      while (end < n && ts[end] < limit) {
        end++;
      }
      for (int stride = i; stride < end; stride += STRIDE) {
        int stop = Math.min(end, stride + STRIDE);
        resolvePages(access, stride, stop);
        warm(access, stride, stop);
        applyAccesses(access, stride, stop);
      }
      i = end;
    }
    accesses += i - from;
    return i;
  }

  /**
   * First half of a stride: the VM slot and page index of every access. The lookups of different accesses
   * do not depend on each other, so the processor overlaps their cache misses, which it cannot do when
   * each lookup sits between the state updates of one access. Pages get their indices in access order,
   * as if each access were handled whole.
   */
  private void resolvePages(AccessColumns access, int from, int to) {
    int[] vm = access.vm;
    int[] asid = access.asid;
    long[] gva = access.gva;
    long[] gpa = access.gpa;
    int[] bytes = access.bytes;
    for (int i = from; i < to; i++) {
      int k = i - from;
      int slot = slots.slot(vm[i]);
      VmState state = vms[slot];
      long physical = gpa[i];
      long address = physical >= 0 ? physical : gva[i];
      long gpn = physical >= 0 ? physical >>> PAGE_SHIFT : state.tables.place(asid[i], gva[i]);
      strideSlots[k] = slot;
      strideGpns[k] = gpn;
      stridePages[k] = state.pages.indexOf(gpn);
      strideRegions[k] = state.pages.regionOf(gpn);
      // An access that crosses into the next page touches it too. With a known gpa the next guest
      // physical page is assumed: recorders that know it to differ emit two records.
      if ((address & PAGE_MASK) + bytes[i] > (1 << PAGE_SHIFT)) {
        long next = physical >= 0 ? gpn + 1 : state.tables.place(asid[i], gva[i] + (1 << PAGE_SHIFT));
        strideNextGpns[k] = next;
        strideNextPages[k] = state.pages.indexOf(next);
        strideNextRegions[k] = state.pages.regionOf(next);
      } else {
        strideNextPages[k] = NO_PAGE;
      }
    }
  }

  /**
   * Reads the per-page state the stride is about to update, all loads independent of each other, so that
   * their cache misses overlap here instead of stalling the in-order updates one by one.
   */
  private void warm(AccessColumns access, int from, int to) {
    byte[] op = access.op;
    long touched = 0;
    for (int i = from; i < to; i++) {
      int k = i - from;
      touched += vms[strideSlots[k]].workingSet.lastStepOf(stridePages[k]);
      if (op[i] == AccessColumns.WRITE) {
        touched += contents.contentOf(strideSlots[k], stridePages[k]);
      }
    }
    warmed += touched;
  }

  /** Second half of a stride: the accesses' effects, in trace order. */
  private void applyAccesses(AccessColumns access, int from, int to) {
    long[] ts = access.tsNs;
    byte[] op = access.op;
    long[] hash = access.contentHash;
    int[] vcpu = access.vcpu;
    int[] asid = access.asid;
    long[] gva = access.gva;
    for (int i = from; i < to; i++) {
      int k = i - from;
      long now = ts[i];
      int slot = strideSlots[k];
      VmState state = vms[slot];
      byte operation = op[i];
      state.count(operation);
      touch(state, slot, stridePages[k], strideRegions[k], now, operation, hash[i]);
      boolean instruction = operation == AccessColumns.EXEC;
      if (state.translation != null) {
        state.translation.access(vcpu[i], asid[i], gva[i], strideGpns[k], instruction);
      }
      if (strideNextPages[k] != NO_PAGE) {
        touch(state, slot, strideNextPages[k], strideNextRegions[k], now, operation, hash[i]);
        if (state.translation != null) {
          long nextPage = (gva[i] >>> PAGE_SHIFT) + 1;
          state.translation.access(vcpu[i], asid[i], nextPage << PAGE_SHIFT, strideNextGpns[k], instruction);
        }
      }
    }
  }

  private void touch(VmState state, int slot, int page, int region, long now, byte operation, long contentHash) {
    state.workingSet.touch(page, region, now);
    if (state.mrc != null) {
      state.mrc.touch(page);
    }
    boolean write = operation == AccessColumns.WRITE;
    if (write) {
      contents.set(slot, page, contentHash);
    }
    memory.access(slot, page, write);
  }

  private void applyPageTableOp(PageTableColumns pagetable, int row) {
    pagetableOps++;
    VmState state = vms[slots.slot(pagetable.vm[row])];
    byte kind = pagetable.opKind[row];
    int asid = pagetable.asid[row];
    long gva = pagetable.gva[row];
    state.tables.apply(kind, asid, gva, pagetable.gpa[row], GuestPageTables.sizeOfBytes(pagetable.pageSize[row]));
    if (state.translation != null) {
      state.translation.pageTableOp(pagetable.vcpu[row], asid, kind, gva, pagetable.pageSize[row]);
    }
  }

  private void applyContent(ContentColumns content, int row) {
    pageContents++;
    int slot = slots.slot(content.vm[row]);
    int page = vms[slot].pages.indexOf(content.gpn[row]);
    long hash = content.hash[row];
    boolean changed = contents.contentOf(slot, page) != hash;
    contents.set(slot, page, hash);
    int compressed = content.compressedBytes[row];
    memory.content(slot, page, hash, changed, compressed == Columns.NULL ? -1 : Math.max(1, compressed));
  }

  /**
   * A demand sample of a trace without accesses: the VM has touched guest pages 0 .. touched − 1 (each is
   * backed when first seen) and uses pages 0 .. active − 1 now. Its active pages are touched at the sample's
   * time, through the same working-set and memory paths as accesses, so that allocation, sampling and
   * reclamation run on page counts alone.
   */
  private void applyDemand(DemandColumns demand, int row) {
    demandSamples++;
    int slot = slots.slot(demand.vm[row]);
    VmState state = vms[slot];
    long active = demand.activePages[row];
    long touched = Math.max(active, demand.touchedPages[row] == Columns.NULL ? 0 : demand.touchedPages[row]);
    long now = demand.tsNs[row];
    for (long gpn = state.demandTouched; gpn < touched; gpn++) {
      memory.access(slot, state.pages.indexOf(gpn), false);
    }
    state.demandTouched = Math.max(state.demandTouched, touched);
    for (long gpn = 0; gpn < active; gpn++) {
      int page = state.pages.indexOf(gpn);
      state.workingSet.touch(page, state.pages.regionOf(gpn), now);
      memory.access(slot, page, false);
    }
  }

  @Override
  public void backedWithSmallPages(int vm, long firstGpn) {
    VmTranslation translation = vms[vm].translation;
    if (translation != null) {
      translation.backWithSmallPages(firstGpn);
    }
  }

  @Override
  public void broken(int vm, long firstGpn) {
    VmTranslation translation = vms[vm].translation;
    if (translation != null) {
      translation.breakLargePage(firstGpn);
    }
  }

  /** Closes every output interval that ends at or before {@code nowNs}, running the host's memory ticks up to it. */
  private void advanceTo(long nowNs) throws IOException {
    while (nowNs >= intervalEndNs) {
      memory.advanceTo(intervalEndNs);
      closeInterval();
    }
    memory.advanceTo(nowNs);
  }

  /** Closes intervals up to and including the one holding {@code traceEndNs}: the run's last rows. */
  void finish(long traceEndNs) throws IOException {
    advanceTo(traceEndNs);
    closeInterval();
    for (VmState state : vms) {
      if (state.mrc != null) {
        state.mrc.finish(intervalStartNs, output::mrcPoint);
      }
    }
  }

  private void closeInterval() throws IOException {
    output.hostInterval(memory.hostRow(identity.runId(), policy.name(), host, intervalStartNs, intervalEndNs));
    for (int slot = 0; slot < vms.length; slot++) {
      VmState state = vms[slot];
      writeVmInterval(slot, state);
      writeWorkingSets(state);
      if (state.translation != null) {
        output.translation(state.translation.closeInterval(identity.runId(), policy.name(), host, state.spec.id(),
            intervalStartNs, intervalEndNs));
      }
      state.workingSet.closeInterval(intervalEndNs);
      if (state.mrc != null) {
        state.mrc.intervalClosed(intervalEndNs, output::mrcPoint);
      }
      state.resetCounts();
    }
    intervalStartNs = intervalEndNs;
    intervalEndNs += options.intervalNs();
  }

  private void writeVmInterval(int slot, VmState state) throws IOException {
    VmSpec spec = state.spec;
    SharingPotential sharing = contents.potential(slot);
    VmInterval.Builder row = VmInterval.newBuilder()
        .setRunId(identity.runId())
        .setPolicy(policy.name())
        .setHost(host)
        .setVm(spec.id())
        .setVmName(spec.name())
        .setIntervalStartNs(intervalStartNs)
        .setIntervalEndNs(intervalEndNs)
        .setConfiguredPages(spec.memoryMb() * PAGES_PER_MB)
        .setReservationPages(spec.reservationMb() * PAGES_PER_MB)
        .setLimitPages(spec.limitMb() == null ? null : spec.limitMb() * PAGES_PER_MB)
        .setShares(spec.shareCount())
        .setAccesses(state.reads + state.writes + state.execs)
        .setReads(state.reads)
        .setWrites(state.writes)
        .setExecs(state.execs)
        .setWorkingSetPages(state.workingSet.intervalPages())
        .setTouchedPages(state.pages.pageCount())
        .setKnownContentPages(sharing.knownPages())
        .setZeroPages(sharing.zeroPages())
        .setIntraDupPages(sharing.intraDupPages())
        .setInterDupPages(sharing.interDupPages())
        .setSharingPotentialPages(sharing.potentialPages());
    memory.vmColumns(slot, row);
    output.vmInterval(row.build());
  }

  private void writeWorkingSets(VmState state) throws IOException {
    state.workingSet.windows(intervalEndNs, windowsNs, windowPages, windowRegions);
    for (int w = 0; w < windowsNs.length; w++) {
      output.workingSet(WorkingSet.newBuilder()
          .setRunId(identity.runId())
          .setPolicy(policy.name())
          .setHost(host)
          .setVm(state.spec.id())
          .setTNs(intervalEndNs)
          .setTauNs(windowsNs[w])
          .setWorkingSetPages(windowPages[w])
          .setWorkingSetLargePages(windowRegions[w])
          .build());
    }
  }

  /** One VM's simulation state and its counts for the current interval. */
  private static final class VmState {
    final VmSpec spec;
    final VmPages pages = new VmPages();
    final WorkingSetTracker workingSet;
    final GuestPageTables tables;
    /** Null when the policy does not model translation. */
    final VmTranslation translation;
    /** Null when miss-ratio curves are off. */
    VmMissRatioCurves mrc;
    long reads;
    long writes;
    long execs;
    /** Demand samples: guest pages 0 .. this − 1 have been touched. */
    long demandTouched;

    VmState(VmSpec spec, TranslationPolicy translationPolicy, long seed, long startNs, long stepNs, long longestNs) {
      this.spec = spec;
      this.workingSet = new WorkingSetTracker(startNs, stepNs, longestNs);
      this.tables = new GuestPageTables(translationPolicy.guestLevels(), translationPolicy.guestPages(),
          translationPolicy.placement(), spec.memoryMb() * PAGES_PER_MB, seed);
      // a VM without large pages (sched.mem.lpage) is backed with 4 KB pages whatever the policy
      TranslationPolicy own = spec.largePages() ? translationPolicy : translationPolicy.withHostBacking(PageSize.SIZE_4K);
      this.translation = own.enabled() ? new VmTranslation(own, tables, seed) : null;
    }

    void count(byte operation) {
      if (operation == AccessColumns.READ) {
        reads++;
      } else if (operation == AccessColumns.WRITE) {
        writes++;
      } else {
        execs++;
      }
    }

    void resetCounts() {
      reads = 0;
      writes = 0;
      execs = 0;
    }
  }
}
