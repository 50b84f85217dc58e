package io.memreplay.engine.memory;

import io.memreplay.engine.config.BalloonPolicy;
import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.HostSpec;
import io.memreplay.engine.config.MemoryState;
import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.SharingPolicy;
import io.memreplay.engine.config.SwapPolicy;
import io.memreplay.engine.config.TimelineEvent;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.HostFeedback;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.VmPages;
import io.memreplay.engine.sharing.ContentIndex;
import io.memreplay.engine.sharing.SaltGroups;
import io.memreplay.engine.sharing.SharedFrames;
import io.memreplay.engine.workingset.LastTouch;
import io.memreplay.schemas.trace.Columns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The host's memory under one policy: every VM's pages and the mechanisms that share, balloon, compress and
 * swap them, ESX-style (docs/model.md "Host memory"). Accesses come in through {@link #access}, on the replay's
 * hot path; everything periodic happens on ticks of one second of host time, the balloon driver's poll
 * period, in {@link #advanceTo}: the free-memory state, reallocation every balance period, the end of each
 * active-memory sampling period, the sharing scanner, the cold-page reclaimer, the balloon drivers and the
 * swap daemon, in that order, and the state once more. The scenario's timeline powers VMs on (through
 * admission control) and off, and changes the policy and the VMs' settings.
 *
 * <p>A tick at time t stands for (t − 1 s, t]; an output interval [start, end) holds the ticks in (start,
 * end]. Single-threaded, like the policy run that owns it.
 */
public final class HostMemory {

  public static final long TICK_NS = 1_000_000_000L;

  private Policy policy;
  private final HostSpec host;
  private final VmMemory[] vms;
  private final HostFrames frames;
  private SharedFrames shared;
  /** What sharing saves each VM, as of the last interval end. */
  private final double[] savedPages;
  private final PageOperations operations;
  private final FreeMemoryStates states;
  private final SharingScanner[] scanners;
  private final BalloonDriver[] balloons;
  private final ColdPageReclaimer coldReclaimer;
  private final LastTouch[] lastTouch;
  private final HostFeedback feedback;
  private ContentIndex contents;
  /** The salt group of each VM slot; numbers of a new salting follow those of the old, so none is reused. */
  private int[] groupOfVm;
  private final boolean largeBacking;
  private final long stepStartNs;
  private final long stepNs;
  private final List<TimelineEvent> timeline;
  /** The policy, and each VM's settings, after each timeline entry that changes them (null for others). */
  private final Policy[] policyAfter;
  private final VmSpec[] specAfter;
  private final int[] slotOfVmId;
  private long balanceNs;
  private long sampleNs;
  private int nextEvent;
  private long nextTickNs;
  private long nextBalanceNs;
  /** When each VM's sampling period ends, in the VM's own execution time (host time less its delay). */
  private final long[] periodEndVmNs;
  private boolean rebalance = true;
  private long lastTickNs;
  /** Sums what reading ahead read, so that the reads are not optimised away. */
  private long prefetched;
  private long lazyBreakBelowPages;

  // the current output interval
  private int admissionRefusals;
  private long largePagesBrokenBefore;
  private final long[] timeInStates = new long[MemoryState.values().length];
  /** The timeline entries applied in the interval, in words. */
  private final List<String> changes = new ArrayList<>();

  /**
   * @param vmsBySlot the scenario's VMs in the replay's slot order
   * @param pages each VM slot's page indices
   * @param lastTouch each VM slot's last-touch steps (the exact working-set tracker's)
   * @param stepStartNs when the last-touch steps start
   * @param stepNs the length of a last-touch step
   * @param contents every page's content
   * @param groupOfVm the salt group of each VM slot under the policy's salting
   * @param largePages told when large pages are not used or broken, so translation can follow
   * @param feedback told which VMs run and how long they wait
   */
  public HostMemory(Policy policy, Scenario scenario, List<VmSpec> vmsBySlot, VmPages[] pages,
      LastTouch[] lastTouch, long stepStartNs, long stepNs, ContentIndex contents, int[] groupOfVm,
      LargePageListener largePages, HostFeedback feedback, long seed, long startNs) {
    this.policy = policy;
    this.feedback = feedback;
    this.contents = contents;
    this.groupOfVm = groupOfVm.clone();
    this.host = scenario.host();
    this.lastTouch = lastTouch.clone();
    this.stepStartNs = stepStartNs;
    this.stepNs = stepNs;
    this.timeline = scenario.timeline();
    try {
      this.policyAfter = scenario.policiesAlongTimeline(policy, "scenario " + scenario.name());
      this.specAfter = scenario.vmSpecsAlongTimeline("scenario " + scenario.name());
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    long reach = lastTouchReachSteps(policy);
    for (LastTouch touches : this.lastTouch) {
      touches.reachBack(reach);
    }
    this.frames = new HostFrames(host.memoryMb() * VmSpec.PAGES_PER_MB, host.vmkernelMb() * VmSpec.PAGES_PER_MB);
    this.states = new FreeMemoryStates(policy.states(), host.memoryMb() - host.vmkernelMb(), host.memoryMb(), startNs);
    this.lazyBreakBelowPages = states.percentOfBasis(policy.largePages().lazyBreakBelowPct());
    this.largeBacking = policy.translation().hostBacking() != PageSize.SIZE_4K;
    this.vms = new VmMemory[vmsBySlot.size()];
    int maxId = vmsBySlot.stream().mapToInt(VmSpec::id).max().orElse(0);
    this.slotOfVmId = new int[Math.max(0, maxId) + 1];
    Arrays.fill(slotOfVmId, -1);
    for (int slot = 0; slot < vms.length; slot++) {
      VmSpec spec = vmsBySlot.get(slot);
      vms[slot] = new VmMemory(slot, spec, pages[slot], largeBacking, policy.balloon(), policy.compression(),
          policy.sampling(), seed * 31 + slot);
      if (spec.id() >= 0) {
        slotOfVmId[spec.id()] = slot;
      }
    }
    this.shared = new SharedFrames(contents.vmsOfGroup());
    this.savedPages = new double[vms.length];
    this.operations = new PageOperations(policy, vms, frames, shared, contents, groupOfVm, largePages, feedback, seed);
    operations.onExhausted = () -> {
      if (updateState(lastTickNs)) {
        rebalance = true;
      }
    };
    this.scanners = new SharingScanner[vms.length];
    this.balloons = new BalloonDriver[vms.length];
    for (int slot = 0; slot < vms.length; slot++) {
      scanners[slot] = new SharingScanner(vms[slot], operations, seed + slot);
      balloons[slot] = new BalloonDriver(policy.balloon(), vms[slot], operations, contents, lastTouch[slot]);
    }
    this.coldReclaimer = new ColdPageReclaimer(policy.coldReclaim(), vms, operations, lastTouch,
        policy.compression().enabled());
    this.balanceNs = Math.round(policy.allocation().balancePeriodS() * 1e9);
    this.sampleNs = Math.round(policy.sampling().periodS() * 1e9);
    this.nextTickNs = startNs + TICK_NS;
    this.nextBalanceNs = startNs;
    this.periodEndVmNs = new long[vms.length];
    for (VmMemory vm : vms) {
      feedback.setRunning(vm.slot, false);
      feedback.setVcpus(vm.slot, vm.spec.vcpus());
      if (scenario.poweredOnAtStart(vm.spec.id())) {
        powerOn(vm, startNs);
      }
    }
    lastTickNs = startNs;
    updateState(startNs);
  }

  /**
   * How many working-set steps back from its now this host compares pages' last touches under {@code policy}
   * and the policies the timeline changes to: the balloon's ages and cold age, the cold-page reclaimer's age
   * and the sampling period, with two ticks to spare. A sampling period of a VM that waits may reach
   * further; the host says so through {@link LastTouch#keepFrom}.
   */
  private long lastTouchReachSteps(Policy policy) {
    double longestS = longestLookBackS(policy);
    for (Policy after : policyAfter) {
      if (after != null) {
        longestS = Math.max(longestS, longestLookBackS(after));
      }
    }
    double steps = Math.ceil((longestS * 1e9 + 2.0 * TICK_NS) / stepNs) + 1;
    return Math.max(BalloonDriver.AGES + 1, (long) Math.min(Long.MAX_VALUE / 2, steps));
  }

  private static double longestLookBackS(Policy policy) {
    return Math.max(policy.sampling().periodS(),
        Math.max(policy.balloon().coldAgeS(), policy.coldReclaim().minAgeS()));
  }

  // ---- the hot path ----

  /**
   * An access by VM slot {@code vm}, which runs (the replay loop replays nothing of a VM that does not), to
   * its page {@code page} (a {@link VmPages} index).
   */
  public void access(int vm, int page, boolean write) {
    VmMemory memory = vms[vm];
    if (page >= memory.known) {
      memory.register(page);
    }
    int kind = memory.kindOf(page);
    if (kind == PageStates.PRIVATE || kind == PageStates.SHARED && !write) {
      return;
    }
    operations.fault(memory, page, write);
  }

  /** The state byte of {@code page} of VM slot {@code vm}, or 0 when the page is new: read ahead of an access. */
  public byte stateOf(int vm, int page) {
    VmMemory memory = vms[vm];
    return page < memory.known ? memory.stateOf(page) : 0;
  }

  /**
   * A content snapshot of a page of a running VM: the guest holds it, so it is backed; a new content breaks
   * copy-on-write. Called before the page's content changes in the {@link ContentIndex}: a shared page leaves
   * the frame of the content it held. To the page's state a snapshot is an access, a new content a write.
   *
   * @param changed the content differs from what the page held
   */
  public void content(int vm, int page, boolean changed) {
    access(vm, page, changed);
  }

  // ---- time ----

  /** When the next tick is due: accesses before it see the mechanisms as the last tick left them. */
  public long nextTickNs() {
    return nextTickNs;
  }

  /** Runs every tick and timeline entry up to and including {@code nowNs}. */
  public void advanceTo(long nowNs) {
    operations.position = Accesses.BETWEEN_STRETCHES;
    while (true) {
      long eventNs = nextEvent < timeline.size() ? timeline.get(nextEvent).atNs() : Long.MAX_VALUE;
      if (eventNs <= nowNs && eventNs <= nextTickNs) {
        timelineEvent(nextEvent++);
      } else if (nextTickNs <= nowNs) {
        tick(nextTickNs);
        nextTickNs += TICK_NS;
      } else {
        return;
      }
    }
  }

  private void timelineEvent(int index) {
    TimelineEvent event = timeline.get(index);
    String change = event.describe();
    if (event.changesPolicy()) {
      configure(policyAfter[index]);
    } else {
      int slot = event.vm() < slotOfVmId.length ? slotOfVmId[event.vm()] : -1;
      VmMemory vm = vms[slot];
      if (event.changesVm()) {
        if (!configure(vm, specAfter[index])) {
          change += " (refused: the reservation, overhead or swap file does not fit)";
        }
      } else if (event.action() == TimelineEvent.Action.POWER_ON && !vm.poweredOn) {
        if (!powerOn(vm, event.atNs())) {
          change += " (refused)";
        }
      } else if (event.action() == TimelineEvent.Action.POWER_OFF && vm.poweredOn) {
        operations.powerOff(vm);
        forgetContents(vm);
        lastTouch[vm.slot].keepFrom(LastTouch.USUAL_REACH);
      }
    }
    changes.add(change);
    rebalance = true;
    updateState(lastTickNs);
  }

  /**
   * The policy changes (a timeline entry): every mechanism takes its new settings from now on; the caller
   * then reads the host's state again.
   */
  private void configure(Policy next) {
    policy = next;
    states.configure(next.states());
    lazyBreakBelowPages = states.percentOfBasis(next.largePages().lazyBreakBelowPct());
    balanceNs = Math.round(next.allocation().balancePeriodS() * 1e9);
    sampleNs = Math.round(next.sampling().periodS() * 1e9);
    coldReclaimer.configure(next.coldReclaim(), next.compression().enabled());
    operations.configure(next, contents, groupOfVm, shared);
    for (BalloonDriver balloon : balloons) {
      balloon.configure(next.balloon(), contents);
    }
    for (VmMemory vm : vms) {
      vm.configure(vm.spec, largeBacking, next.balloon(), next.compression(), next.sampling());
      operations.trimCompressionCache(vm);
    }
    regroup();
  }

  /**
   * A VM's settings change (a timeline entry), unless admission control refuses it: a running VM's
   * reservation and overhead must fit the unreserved memory, its swap file the datastore.
   *
   * @return false when refused
   */
  private boolean configure(VmMemory vm, VmSpec next) {
    if (vm.poweredOn && !admits(vm, next.reservationPages(), next.overheadPages(), next.swapFilePages())) {
      admissionRefusals++;
      return false;
    }
    long overheadBefore = vm.overheadPages;
    vm.configure(next, largeBacking, policy.balloon(), policy.compression(), policy.sampling());
    feedback.setVcpus(vm.slot, next.vcpus());
    if (vm.poweredOn) {
      long more = vm.overheadPages - overheadBefore;
      if (more > 0) {
        operations.makeRoom(vm, more);
        frames.reserveOverhead(more);
      } else {
        frames.releaseOverhead(-more);
      }
    }
    operations.trimCompressionCache(vm);
    regroup();
    return true;
  }

  /**
   * Salt groups as the policy's salting and the VMs' salts make them now. When they change, every shared
   * page gets a private copy (shared frames are of a salt group's contents), the contents move to an index
   * of the new groups, and the scanner shares pages again where the new groups let it.
   */
  private void regroup() {
    List<VmSpec> specs = new ArrayList<>();
    for (VmMemory vm : vms) {
      specs.add(vm.spec);
    }
    int[] groups = SaltGroups.assign(specs, policy.sharing());
    if (samePartition(groups, groupOfVm)) {
      return;
    }
    operations.unshareAll();
    ContentIndex regrouped = new ContentIndex(groups);
    for (VmMemory vm : vms) {
      for (int page = 0; page < vm.known; page++) {
        long content = contents.contentOf(vm.slot, page);
        if (content != Columns.NULL) {
          regrouped.snapshot(vm.slot, page, content, contents.measuredCompressedBytes(vm.slot, page));
        }
      }
    }
    contents = regrouped;
    groupOfVm = groups;
    shared = new SharedFrames(contents.vmsOfGroup());
    operations.configure(policy, contents, groupOfVm, shared);
    for (BalloonDriver balloon : balloons) {
      balloon.configure(policy.balloon(), contents);
    }
  }

  /** Whether the two groupings put the same VMs together. */
  private static boolean samePartition(int[] a, int[] b) {
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < i; j++) {
        if ((a[i] == a[j]) != (b[i] == b[j])) {
          return false;
        }
      }
    }
    return true;
  }

  /** The content index of the salt groups as they are now. */
  ContentIndex contents() {
    return contents;
  }

  /**
   * A VM powered off holds no memory, so none of its contents counts toward any VM's sharing potential: each
   * page leaves the index at once, as a snapshot would take it in, not through the waiting room of writes.
   */
  private void forgetContents(VmMemory vm) {
    for (int page = 0; page < vm.known; page++) {
      contents.snapshot(vm.slot, page, Columns.NULL, 0);
    }
  }

  /**
   * Admission control (W02 §6.2, vSphere): a VM powers on only if its reservation and overhead fit the
   * unreserved memory, and its swap file (configured − reservation) fits the datastore.
   */
  private boolean powerOn(VmMemory vm, long nowNs) {
    if (!admits(vm, vm.reservationPages, vm.overheadPages, vm.swapFilePages)) {
      admissionRefusals++;
      return false;
    }
    operations.makeRoom(vm, vm.overheadPages);
    frames.reserveOverhead(vm.overheadPages);
    vm.poweredOn = true;
    feedback.setRunning(vm.slot, true);
    startSampling(vm, nowNs);
    periodEndVmNs[vm.slot] = nowNs - feedback.delayNs(vm.slot) + sampleNs;
    rebalance = true;
    return true;
  }

  /**
   * Whether {@code vm}, with this reservation, overhead and swap file, fits beside the other running VMs:
   * reservations and overheads in host memory, swap files on the datastore.
   */
  private boolean admits(VmMemory vm, long reservation, long overhead, long swapFile) {
    long reserved = frames.vmkernelPages;
    long swapFiles = 0;
    for (VmMemory other : vms) {
      if (other.poweredOn && other != vm) {
        reserved += other.reservationPages + other.overheadPages;
        swapFiles += other.swapFilePages;
      }
    }
    return reserved + reservation + overhead <= frames.hostPages
        && (host.swapDatastoreMb() == null || swapFiles + swapFile <= host.swapDatastoreMb() * VmSpec.PAGES_PER_MB);
  }

  private void tick(long nowNs) {
    lastTickNs = nowNs;
    if (updateState(nowNs)) {
      rebalance = true;
    }
    if (rebalance || nowNs >= nextBalanceNs) {
      allocate();
      rebalance = false;
      nextBalanceNs = nowNs + balanceNs;
    }
    // sampling periods run in each VM's execution time (W02 §5.3): a VM that waits samples over longer
    for (VmMemory vm : vms) {
      long vmNow = nowNs - feedback.delayNs(vm.slot);
      if (vm.poweredOn && vmNow >= periodEndVmNs[vm.slot]) {
        vm.sampler.endPeriod(lastTouch[vm.slot], vm.known);
        startSampling(vm, nowNs);
        periodEndVmNs[vm.slot] = Math.max(periodEndVmNs[vm.slot] + sampleNs, vmNow);
      }
    }
    MemoryState state = states.state();
    if (policy.sharing().enabled()) {
      scan(state);
    }
    coldReclaimer.tick(frames.free(), frames.hostPages, stepsAgo(nowNs, policy.coldReclaim().minAgeS()));
    reclaim(state, nowNs);
    double coefficient = policy.costs().balloonOverheadPerFraction();
    for (VmMemory vm : vms) {
      if (vm.poweredOn && vm.configuredPages > 0) {
        // the guest runs that much slower on all its vCPUs
        operations.waited(vm, coefficient * vm.count(PageStates.BALLOONED) / vm.configuredPages * TICK_NS * vm.spec.vcpus());
      }
    }
    // what the tick reclaimed counts at once: the state agrees with free memory until the next change
    if (updateState(nowNs)) {
      rebalance = true;
    }
  }

  /** Starts a sampling period of {@code vm}: its pages' last touches must tell steps back to the start. */
  private void startSampling(VmMemory vm, long nowNs) {
    int step = stepAt(nowNs);
    vm.sampler.startPeriod(step);
    lastTouch[vm.slot].keepFrom(step);
  }

  private int stepAt(long nowNs) {
    return (int) Math.floorDiv(nowNs - stepStartNs, stepNs);
  }

  /** The step before which a page last touched is at least {@code ageS} old. */
  private int stepsAgo(long nowNs, double ageS) {
    return stepAt(nowNs) - (int) Math.ceil(ageS * 1e9 / stepNs);
  }

  private boolean updateState(long nowNs) {
    boolean changed = states.update(frames.free(), nowNs);
    operations.setState(states.state());
    return changed;
  }

  /** New targets for every running VM by min-funding revocation with the idle tax. */
  private void allocate() {
    int n = vms.length;
    long[] shares = new long[n];
    long[] reservation = new long[n];
    long[] upper = new long[n];
    double[] active = new double[n];
    long[] targets = new long[n];
    for (int i = 0; i < n; i++) {
      VmMemory vm = vms[i];
      // the VMs' sharing savings (and so what they consume) as of the last interval end: exact counts
      // cost a pass over every page, too much every balance period
      if (vm.poweredOn) {
        shares[i] = vm.spec.shareCount();
        reservation[i] = vm.reservationPages;
        upper[i] = Math.min(Math.min(vm.limitPages, vm.configuredPages + vm.largePagePadding()), vm.demandPages());
        active[i] = vm.sampler.estimatePages(lastTouch[i], vm.known);
      }
    }
    long freeTarget = states.percentOfBasis(policy.allocation().freeTargetPct());
    long total = frames.hostPages - frames.vmkernelPages - frames.overheadPages() - freeTarget;
    Entitlements.compute(shares, reservation, upper, active, Math.max(0, total), policy.allocation().idlePageCost(),
        targets);
    for (int i = 0; i < n; i++) {
      vms[i].entitlementPages = vms[i].poweredOn ? targets[i] : 0;
    }
  }

  /** One tick of the sharing scanner on every running VM, within the host's scan budget. */
  private void scan(MemoryState state) {
    SharingPolicy sharing = policy.sharing();
    boolean boosted = sharing.boostStates().contains(state);
    double[] rates = new double[vms.length];
    double total = 0;
    for (VmMemory vm : vms) {
      if (vm.poweredOn) {
        rates[vm.slot] = SharingScanner.rate(sharing, vm, boosted);
        total += rates[vm.slot];
      }
    }
    double budget = hostScanBudget();
    double scale = total > budget ? budget / total : 1;
    boolean breakAll = policy.largePages().breakStates().contains(state);
    boolean breakLazily = frames.free() < lazyBreakBelowPages;
    for (VmMemory vm : vms) {
      if (vm.poweredOn) {
        scanners[vm.slot].scan(rates[vm.slot] * scale * TICK_NS / 1e9, breakAll, breakLazily);
      }
    }
  }

  /** Pages a second the host may scan: ESX 2.x's fixed total, else {@code Mem.ShareScanGHz} × host GHz; unlimited when unknown. */
  private double hostScanBudget() {
    SharingPolicy sharing = policy.sharing();
    if (sharing.hostPagesPerS() != null) {
      return sharing.hostPagesPerS();
    }
    Double ghz = host.totalGhz();
    return ghz == null ? Double.POSITIVE_INFINITY : sharing.mbPerSPerGhz() * ghz * VmSpec.PAGES_PER_MB;
  }

  /**
   * The balloon drivers and the swap daemon move each VM toward its target: the balloon in its states (and
   * for a VM above its limit in any), compression and swapping in theirs, and swapping whatever the balloon
   * cannot take where the policy says so.
   */
  private void reclaim(MemoryState state, long nowNs) {
    BalloonPolicy balloon = policy.balloon();
    SwapPolicy swap = policy.swap();
    int coldBefore = stepsAgo(nowNs, balloon.coldAgeS());
    long swapBudget = swap.pagesPerS() > 0 ? swap.pagesPerS() : Long.MAX_VALUE;
    boolean frozen = balloon.frozenStates().contains(state);
    boolean swapState = swap.states().contains(state);
    boolean compressState = policy.compression().states().contains(state);
    // targets aim to push free memory up to the free target (W02 §6.3): below it, VMs above their targets
    // balloon, in the balloon's states and above them, whatever the state [I]
    boolean belowFreeTarget = frames.free() < states.percentOfBasis(policy.allocation().freeTargetPct());
    boolean balloonState = balloon.states().contains(state) || belowFreeTarget && !swapState && !compressState;
    for (VmMemory vm : vms) {
      if (!vm.poweredOn) {
        continue;
      }
      double consumed = vm.consumedPages();
      double excess = consumed - vm.entitlementPages;
      double overLimit = consumed - vm.limitPages;
      long size = balloons[vm.slot].size();
      long room = vm.canBalloon ? vm.maxBalloonPages - size : 0;
      if (vm.canBalloon) {
        long target = size;
        if (overLimit > 0 || balloonState && !frozen && excess > 0) {
          target = Math.min(vm.maxBalloonPages, size + (long) Math.ceil(Math.max(excess, overLimit)));
        } else if (!frozen && excess < 0) {
          target = Math.max(0, size - (long) Math.floor(-excess));
        }
        balloons[vm.slot].poll(target, stepAt(nowNs), coldBefore);
      }
      double toSwap = 0;
      if (swap.enabled() && (swapState || compressState)) {
        toSwap = excess;
      }
      if (swap.enabled() && swap.whenBalloonCannot() && (balloonState || overLimit > 0)) {
        toSwap = Math.max(toSwap, Math.max(excess, overLimit) - room);
      }
      if (overLimit > 0 && !vm.canBalloon) {
        toSwap = Math.max(toSwap, overLimit);
      }
      long pages = Math.min((long) Math.ceil(toSwap), swapBudget);
      // compression is for pages chosen for swap-out, whatever chose them
      boolean compress = policy.compression().enabled();
      long done = 0;
      while (done < pages) {
        if (done % (PageOperations.VICTIMS_AHEAD / 2) == 0) {
          prefetched += operations.prefetchVictims(vm);
        }
        int victim = operations.randomPrivatePage(vm);
        if (victim < 0 || !operations.pageOut(vm, victim, compress)) {
          break;
        }
        done++;
      }
      swapBudget -= done;
    }
  }

  // ---- results ----

  /**
   * Writes the memory columns of VM slot {@code vm}'s row for the interval ending now ({@link MemoryColumns}),
   * and starts its counts afresh.
   */
  void writeVm(int vm, Row row, MemoryColumns columns) {
    VmMemory memory = vms[vm];
    memory.sharedSavedPages = savedPages[vm];
    long active = memory.poweredOn ? memory.sampler.estimatePages(lastTouch[vm], memory.known) : 0;
    columns.writeVm(row, memory, active);
    memory.resetIntervalCounts();
  }

  /** Writes the host's row for the interval ending at {@code endNs}; its counts start afresh. */
  void writeHost(Row row, MemoryColumns columns, long endNs) {
    // faults since the last tick took free memory: the state the row reports is the one free memory makes
    if (updateState(endNs)) {
      rebalance = true;
    }
    states.drainTimeInStates(endNs, timeInStates);
    shared.savedPages(savedPages);
    long configured = 0;
    long sharedPages = 0;
    int on = 0;
    long ballooned = 0;
    long swapped = 0;
    long zipFrames = 0;
    for (VmMemory vm : vms) {
      sharedPages += vm.count(PageStates.SHARED);
      ballooned += vm.count(PageStates.BALLOONED);
      swapped += vm.count(PageStates.SWAPPED);
      zipFrames += vm.zip.frames();
      if (vm.poweredOn) {
        on++;
        configured += vm.configuredPages;
      }
    }
    long available = frames.hostPages - frames.vmkernelPages;
    MemoryColumns c = columns;
    row.set(c.hostPages, frames.hostPages)
        .set(c.freePages, frames.free())
        .set(c.vmkernelPages, frames.vmkernelPages)
        .set(c.hostOverheadPages, frames.overheadPages())
        .set(c.minFreePages, states.minFreePages())
        .set(c.state, states.state().name())
        .set(c.overcommitRatio, available > 0 ? (double) configured / available : 0)
        .set(c.hostLargePagesBroken, operations.largePagesBroken - largePagesBrokenBefore)
        .set(c.hostSharedSavedPages, sharedPages - shared.liveFrames())
        .set(c.sharedFrames, shared.liveFrames())
        .set(c.hostBalloonedPages, ballooned)
        .set(c.hostCompressionCachePages, zipFrames)
        .set(c.hostSwappedPages, swapped)
        .set(c.hostSwapCachePages, operations.hostCacheSwapped())
        .set(c.highNs, timeInStates[MemoryState.HIGH.ordinal()])
        .set(c.clearNs, timeInStates[MemoryState.CLEAR.ordinal()])
        .set(c.softNs, timeInStates[MemoryState.SOFT.ordinal()])
        .set(c.hardNs, timeInStates[MemoryState.HARD.ordinal()])
        .set(c.lowNs, timeInStates[MemoryState.LOW.ordinal()])
        .set(c.poweredOnVms, on)
        .set(c.admissionRefusals, admissionRefusals)
        .set(c.changes, changes.isEmpty() ? null : String.join("; ", changes));
    changes.clear();
    largePagesBrokenBefore = operations.largePagesBroken;
    admissionRefusals = 0;
  }

  /** Where in the current stretch of accesses the next accesses are; see {@link LargePageListener}. */
  void atPosition(int position) {
    operations.position = position;
  }

  // ---- what tests check ----

  /** The memory of VM slot {@code slot}. */
  VmMemory vm(int slot) {
    return vms[slot];
  }

  /** Free frames now. */
  public long freePages() {
    return frames.free();
  }

  public MemoryState state() {
    return states.state();
  }

  /** Throws when the host's state does not agree with its free memory (as of the last tick or exhaustion). */
  public void checkState() {
    states.check(frames.free());
  }

  /**
   * Throws when the books do not balance: each VM's pages by state must add up to its touched pages, and
   * the host's frames in use plus free must be its memory.
   */
  public void checkInvariants() {
    long used = frames.vmkernelPages + frames.overheadPages() + shared.liveFrames();
    for (VmMemory vm : vms) {
      long sum = 0;
      for (int kind = 0; kind < PageStates.KINDS; kind++) {
        sum += vm.count(kind);
      }
      if (sum != vm.known) {
        throw new IllegalStateException(vm.spec.name() + ": pages by state add up to " + sum + ", touched " + vm.known);
      }
      long[] byKind = new long[PageStates.KINDS];
      long inLarge = 0;
      for (int page = 0; page < vm.known; page++) {
        byKind[vm.kindOf(page)]++;
        if (vm.kindOf(page) == PageStates.PRIVATE && vm.inLargePage(page)) {
          inLarge++;
        }
      }
      for (int kind = 0; kind < PageStates.KINDS; kind++) {
        if (byKind[kind] != vm.count(kind)) {
          throw new IllegalStateException(vm.spec.name() + ": " + byKind[kind] + " pages in state " + kind
              + ", counted " + vm.count(kind));
        }
      }
      if (inLarge != vm.privateInLarge) {
        throw new IllegalStateException(vm.spec.name() + ": " + inLarge + " pages in large pages, counted " + vm.privateInLarge);
      }
      used += vm.privateFrames();
    }
    if (used + frames.free() != frames.hostPages) {
      throw new IllegalStateException("host frames in use " + used + " + free " + frames.free() + " != host "
          + frames.hostPages);
    }
  }
}
