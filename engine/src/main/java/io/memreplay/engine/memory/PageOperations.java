package io.memreplay.engine.memory;

import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.HostFeedback;
import io.memreplay.engine.config.CompressionPolicy;
import io.memreplay.engine.config.StallCosts;
import io.memreplay.engine.config.MemoryState;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.primitives.Hashing;
import io.memreplay.engine.primitives.LookaheadRandom;
import io.memreplay.schemas.trace.ContentHashes;
import io.memreplay.engine.sharing.ContentIndex;
import io.memreplay.engine.sharing.SharedFrames;
import io.memreplay.schemas.trace.Columns;
import java.util.Arrays;
import java.util.List;

/**
 * Every change of a page's state, each keeping the VM's counts, the shared frames and the host's free
 * frames exact: backing a page when it is touched, sharing it, breaking copy-on-write, breaking a large
 * page, paging a page out (share, else compress, else swap), giving it to the balloon and back, and
 * emptying a VM at power-off. The mechanisms ({@link HostMemory}'s scanner, balloon and swap daemon) decide
 * which pages; this class decides nothing but keeps the books.
 */
final class PageOperations {

  private static final byte PRIVATE = PageStates.PRIVATE;
  private static final int PAGES_PER_REGION = VmMemory.PAGES_PER_REGION;
  /** What a zero page compresses to: a few bytes of any compressor's framing. */
  private static final int ZERO_PAGE_COMPRESSED_BYTES = 64;
  private static final int PAGE_BYTES = 4096;

  private Policy policy;
  private final VmMemory[] vms;
  private final HostFrames frames;
  private SharedFrames shared;
  private ContentIndex contents;
  private int[] groupOfVm;
  private final LargePageListener largePages;
  private final HostFeedback feedback;
  /** Told when free memory runs out between ticks, so the host's state says so at once. */
  Runnable onExhausted = () -> { };
  private final long seed;
  private double[] unknownSizeCumulativePct;
  private int[] unknownSizeBytes;
  /** How many victims' pages {@link #prefetchVictims} reads ahead. */
  static final int VICTIMS_AHEAD = 16;
  private final LookaheadRandom victims;
  /** The pages the next draws of victims would pick, read ahead ({@link #prefetchVictims}). */
  private final int[] nextVictims = new int[VICTIMS_AHEAD];
  private MemoryState state = MemoryState.HIGH;
  /** Whether faults of VMs above their target block in the current state, and whether new regions get large pages. */
  private boolean blocking;
  private boolean largePagesToHave;
  /** Where in the current stretch of accesses the host is; see {@link LargePageListener}. */
  int position = Accesses.BETWEEN_STRETCHES;
  private long hostCacheSwapped;
  private long hostCachePages;
  /** Set while {@link #unshareAll} runs. */
  private boolean unsharingAll;
  long largePagesBroken;

  PageOperations(Policy policy, VmMemory[] vms, HostFrames frames, SharedFrames shared, ContentIndex contents,
      int[] groupOfVm, LargePageListener largePages, HostFeedback feedback, long seed) {
    this.vms = vms;
    this.frames = frames;
    this.largePages = largePages;
    this.feedback = feedback;
    this.seed = seed;
    this.victims = new LookaheadRandom(seed ^ 0x5DEECE66DL);
    configure(policy, contents, groupOfVm, shared);
  }

  /**
   * The policy, and the content index, salt groups and shared frames of its salting, from now on. A new
   * salting takes pages that share no more: the caller unshares them all first ({@link #unshareAll}).
   */
  void configure(Policy settings, ContentIndex index, int[] groups, SharedFrames frames) {
    this.policy = settings;
    this.contents = index;
    this.groupOfVm = groups;
    this.shared = frames;
    this.hostCachePages = settings.swap().hostCacheMb() * VmSpec.PAGES_PER_MB;
    List<CompressionPolicy.CompressedShare> sizes = settings.compression().unknownSizes();
    unknownSizeCumulativePct = new double[sizes.size()];
    unknownSizeBytes = new int[sizes.size()];
    double cumulative = 0;
    for (int i = 0; i < sizes.size(); i++) {
      cumulative += sizes.get(i).pct();
      unknownSizeCumulativePct[i] = cumulative;
      unknownSizeBytes[i] = sizes.get(i).bytes();
    }
    // the state stays; what it implies may differ under the new policy
    setState(state);
  }

  /**
   * Every shared page gets a private copy. No page shares meanwhile: the copies may need frames the host
   * pages out for, and a page paged out would otherwise share a frame of the salt groups being left.
   */
  void unshareAll() {
    unsharingAll = true;
    try {
      for (VmMemory vm : vms) {
        for (int page = 0; page < vm.known; page++) {
          if (vm.kindOf(page) == PageStates.SHARED) {
            copyOnWrite(vm, page);
          }
        }
      }
    } finally {
      unsharingAll = false;
    }
  }

  /** A cache above its capacity (a smaller one was set) gives its oldest pages to swap until it fits. */
  void trimCompressionCache(VmMemory vm) {
    fitCompressionCache(vm, 0);
  }

  /**
   * Swaps the cache's oldest pages out until {@code moreQuarters} more quarter slots (a half slot is two) fit
   * its capacity.
   *
   * @return false when they do not: the oldest page cannot be swapped out, or there is none
   */
  private boolean fitCompressionCache(VmMemory vm, int moreQuarters) {
    while (vm.zip.framesWith(moreQuarters) > vm.zip.capacityFrames()) {
      int oldest = vm.zip.oldest();
      if (oldest < 0 || !swapOutOfCache(vm, oldest)) {
        return false;
      }
    }
    return true;
  }

  /** The host's free-memory state, which decides whether new regions get large pages and whether faults block. */
  void setState(MemoryState state) {
    this.state = state;
    this.blocking = policy.states().blockStates().contains(state);
    this.largePagesToHave = policy.largePages().allocateStates().contains(state);
  }

  long hostCacheSwapped() {
    return hostCacheSwapped;
  }

  /** The VM's vCPUs waited {@code vcpuNs} for the host (docs/model.md "Stall time"). */
  void waited(VmMemory vm, double vcpuNs) {
    feedback.stall(vm.slot, vcpuNs);
  }

  // ---- touching pages ----

  /**
   * A touch of {@code page} that its state does not allow as it is: backs it (with a swap-in, decompression,
   * balloon pop or guest swap-in as its state requires) or breaks copy-on-write, and charges the VM's wait.
   */
  void fault(VmMemory vm, int page, boolean write) {
    byte flags = vm.stateOf(page);
    StallCosts costs = policy.costs();
    switch (PageStates.kind(flags)) {
      case PageStates.SHARED -> {
        if (write) {
          copyOnWrite(vm, page);
        }
        return;
      }
      case PageStates.BALLOONED -> vm.balloonPops++;
      case PageStates.COMPRESSED -> {
        leaveCompressionCache(vm, page);
        vm.decompressions++;
        waited(vm, costs.decompressUs() * 1000);
      }
      case PageStates.SWAPPED -> {
        boolean cached = leaveSwap(vm, page);
        vm.swapIns++;
        waited(vm, (cached ? costs.hostCacheSwapInUs() : costs.swapInUs()) * 1000);
      }
      default -> {
        // UNBACKED: a first touch, or a touch after the balloon gave the page back
      }
    }
    if ((flags & PageStates.GUEST_SWAPPED) != 0) {
      vm.guestSwapIns++;
      waited(vm, costs.guestSwapInUs() * 1000);
      vm.setFlag(page, PageStates.GUEST_SWAPPED, false);
    }
    if (blocking && vm.consumedPages() > vm.entitlementPages) {
      block(vm);
    }
    back(vm, page);
  }

  /**
   * Gives a touched page a frame: its region's large page when the region has none yet and one is to be had,
   * else a 4 KB frame.
   */
  void back(VmMemory vm, int page) {
    int region = vm.pages.regionOfIndex(page);
    if (vm.regions[region] == RegionBacking.LARGE) {
      vm.setKind(page, PRIVATE);
      return;
    }
    if (vm.regions[region] == RegionBacking.NONE) {
      if (vm.largePages && largePagesToHave
          && frames.free() >= PAGES_PER_REGION) {
        backWithLargePage(vm, region);
        return;
      }
      vm.regions[region] = RegionBacking.SMALL;
      largePages.backedWithSmallPages(vm.slot, vm.pages.firstGpnOfRegion(region), position);
    }
    makeRoom(vm, 1);
    frames.take(1);
    vm.setKind(page, PRIVATE);
  }

  /** A region without backing gets a 2 MB page, which backs every page of it touched so far (all unbacked). */
  private void backWithLargePage(VmMemory vm, int region) {
    frames.take(PAGES_PER_REGION);
    vm.regions[region] = RegionBacking.LARGE;
    vm.largeRegions++;
    long first = vm.pages.firstGpnOfRegion(region);
    for (int i = 0; i < PAGES_PER_REGION; i++) {
      int page = vm.pages.find(first + i);
      if (page >= 0 && page < vm.known) {
        vm.setKind(page, PRIVATE);
      }
    }
  }

  /** A write to a shared page: the page gets a private copy, and the shared frame one reference fewer. */
  private void copyOnWrite(VmMemory vm, int page) {
    unshare(vm, page);
    makeRoom(vm, 1);
    frames.take(1);
    vm.setKind(page, PRIVATE);
  }

  /**
   * In a blocking state a VM above its target must reclaim a page of its own before it gets another, and
   * waits for the write (W02: "blocks the execution of all VMs that are above their target").
   */
  private void block(VmMemory vm) {
    int victim = randomPrivatePage(vm);
    if (victim >= 0 && pageOut(vm, victim, policy.compression().enabled())) {
      vm.blockedFaults++;
      waited(vm, policy.costs().swapOutUs() * 1000);
    }
  }

  /**
   * Makes sure {@code frames} are free before {@code vm} takes them: when the host has run out, pages are
   * swapped out at once from the VM furthest above its target, and {@code vm} waits for each write. This is
   * the hypervisor's last resort, so it swaps even under policies that do not swap toward targets.
   */
  void makeRoom(VmMemory vm, long needed) {
    if (frames.free() < needed) {
      onExhausted.run();
    }
    while (frames.free() < needed) {
      VmMemory donor = furthestAboveTarget();
      int victim = donor == null ? -1 : randomPrivatePage(donor);
      if (victim < 0 || !pageOut(donor, victim, policy.compression().enabled())) {
        victim = -1;
        for (VmMemory other : vms) {
          int candidate = other.poweredOn ? randomPrivatePage(other) : -1;
          if (candidate >= 0 && pageOut(other, candidate, policy.compression().enabled())) {
            victim = candidate;
            break;
          }
        }
        if (victim < 0) {
          throw new IllegalStateException("host memory exhausted: " + frames.free() + " frames free, " + needed
              + " needed by " + vm.spec.name() + ", and no page can be shared, compressed or swapped (swap files full?)");
        }
      }
      vm.blockedFaults++;
      waited(vm, policy.costs().swapOutUs() * 1000);
    }
  }

  private VmMemory furthestAboveTarget() {
    VmMemory furthest = null;
    double most = Double.NEGATIVE_INFINITY;
    for (VmMemory vm : vms) {
      if (vm.poweredOn && vm.privateFrames() > 0) {
        double excess = vm.consumedPages() - vm.entitlementPages;
        if (excess > most) {
          most = excess;
          furthest = vm;
        }
      }
    }
    return furthest;
  }

  // ---- sharing ----

  /**
   * Tries to share a small private page with a shared frame or with the page last hinted with its content
   * (salt group and content equal, the hinted page still holding it), else leaves a hint.
   *
   * @return true when the page is now shared (and its frame free)
   */
  boolean share(VmMemory vm, int page) {
    long content = contents.contentOf(vm.slot, page);
    if (content == Columns.NULL || unsharingAll) {
      return false;
    }
    contents.settle(vm.slot, page);
    int frame = contents.frameOf(vm.slot, page);
    if (frame >= 0) {
      mapShared(vm, page, frame);
      frames.give(1);
      return true;
    }
    long hint = contents.exchangeHint(vm.slot, page);
    if (hint >= 0) {
      VmMemory other = vms[(int) (hint >>> 32)];
      int otherPage = (int) hint;
      if ((other != vm || otherPage != page) && other.poweredOn && otherPage < other.known
          && other.kindOf(otherPage) == PRIVATE && !other.inLargePage(otherPage)
          && contents.contentOf(other.slot, otherPage) == content) {
        contents.dropHint(vm.slot, page);
        int newFrame = shared.newFrame(groupOfVm[vm.slot]);
        contents.setFrame(vm.slot, page, newFrame);
        mapShared(vm, page, newFrame);
        mapShared(other, otherPage, newFrame);
        frames.give(1);
        return true;
      }
    }
    return false;
  }

  /** Reads ahead where the contents of {@code count} of the VM's pages are indexed (see {@link ContentIndex#prefetch}). */
  long prefetchContents(VmMemory vm, int[] pages, int count) {
    return contents.prefetchPages(vm.slot, pages, count);
  }

  /** Whether a small page holding this content would share now: a frame or a hint of it exists. */
  boolean wouldShare(VmMemory vm, int page) {
    long content = contents.contentOf(vm.slot, page);
    if (content == Columns.NULL) {
      return false;
    }
    contents.settle(vm.slot, page);
    return contents.frameOf(vm.slot, page) >= 0 || contents.hint(vm.slot, page) >= 0 || content == ContentHashes.ZERO;
  }

  private void mapShared(VmMemory vm, int page, int frame) {
    shared.reference(frame, vm.slot);
    vm.setKind(page, PageStates.SHARED);
  }

  /**
   * The page stops mapping its shared frame, the frame of the content it still holds (a write changes a
   * shared page's content only after breaking copy-on-write); frees the frame when it was the last.
   */
  private void unshare(VmMemory vm, int page) {
    int frame = contents.frameOf(vm.slot, page);
    if (shared.release(frame, vm.slot)) {
      contents.setFrame(vm.slot, page, -1);
      frames.give(1);
    }
  }

  // ---- large pages ----

  /** The scanner hashes every touched small page of the large page over {@code region}. */
  void hashRegion(VmMemory vm, int region) {
    long first = vm.pages.firstGpnOfRegion(region);
    for (int i = 0; i < PAGES_PER_REGION; i++) {
      int page = vm.pages.find(first + i);
      if (page >= 0 && page < vm.known && vm.kindOf(page) == PRIVATE) {
        vm.setFlag(page, PageStates.SCANNED, true);
      }
    }
  }

  /**
   * Breaks the large page of {@code region} into 4 KB pages: its touched pages keep their frames, the frames
   * of the pages the guest never touched are freed (zero pages, to the host's knowledge), and the pages the
   * scanner had already hashed are shared at once where they can be.
   */
  void breakLargePage(VmMemory vm, int region) {
    long first = vm.pages.firstGpnOfRegion(region);
    int touched = vm.regionTouched[region];
    vm.regions[region] = RegionBacking.SMALL;
    vm.largeRegions--;
    vm.privateInLarge -= touched;
    frames.give(PAGES_PER_REGION - touched);
    vm.largePagesBroken++;
    largePagesBroken++;
    largePages.broken(vm.slot, first, position);
    if (!policy.sharing().enabled()) {
      return;
    }
    for (int i = 0; i < PAGES_PER_REGION; i++) {
      int page = vm.pages.find(first + i);
      if (page >= 0 && page < vm.known && vm.hasFlag(page, PageStates.SCANNED) && vm.kindOf(page) == PRIVATE) {
        share(vm, page);
      }
    }
  }

  // ---- paging out ----

  /**
   * Pages a private page out, as ESX does with a page chosen for swapping: it breaks the page's large page
   * first, shares the page if it can ("always attempts to share a page before paging it out"), else
   * compresses it into the cache when it compresses well enough and {@code compress}, else swaps it.
   *
   * @return true when the page's frame was freed
   */
  boolean pageOut(VmMemory vm, int page, boolean compress) {
    if (vm.inLargePage(page)) {
      breakLargePage(vm, vm.pages.regionOfIndex(page));
      if (vm.kindOf(page) != PRIVATE) {
        return true;
      }
    }
    if (policy.sharing().enabled() && share(vm, page)) {
      return true;
    }
    if (compress && vm.zip.capacityFrames() > 0) {
      int bytes = compressedBytes(vm, page);
      if (bytes <= policy.compression().maxPageBytes() && compress(vm, page, bytes)) {
        return true;
      }
    }
    return swapOut(vm, page);
  }

  private boolean compress(VmMemory vm, int page, int bytes) {
    boolean quarter = bytes <= policy.compression().quarterPageBytes();
    if (!fitCompressionCache(vm, quarter ? 1 : 2)) {
      return false;
    }
    long before = vm.zip.frames();
    vm.zip.add(page, quarter);
    frames.give(1);
    frames.take(vm.zip.frames() - before);
    vm.setKind(page, PageStates.COMPRESSED);
    vm.setFlag(page, PageStates.QUARTER_SLOT, quarter);
    vm.compressions++;
    return true;
  }

  /** The cache is full: its oldest page is decompressed and swapped out (compressed pages are never swapped as such). */
  private boolean swapOutOfCache(VmMemory vm, int page) {
    if (vm.count(PageStates.SWAPPED) >= vm.swapFilePages) {
      return false;
    }
    leaveCompressionCache(vm, page);
    toSwap(vm, page);
    return true;
  }

  private boolean swapOut(VmMemory vm, int page) {
    if (vm.count(PageStates.SWAPPED) >= vm.swapFilePages) {
      return false;
    }
    frames.give(1);
    toSwap(vm, page);
    return true;
  }

  private void toSwap(VmMemory vm, int page) {
    boolean cached = hostCacheSwapped < hostCachePages;
    if (cached) {
      hostCacheSwapped++;
    }
    vm.setKind(page, PageStates.SWAPPED);
    vm.setFlag(page, PageStates.IN_HOST_CACHE, cached);
    vm.swapOuts++;
  }

  /** The page leaves the compression cache; the cache's frames shrink when a frame empties. */
  private void leaveCompressionCache(VmMemory vm, int page) {
    long before = vm.zip.frames();
    vm.zip.remove(page, vm.hasFlag(page, PageStates.QUARTER_SLOT));
    vm.setFlag(page, PageStates.QUARTER_SLOT, false);
    frames.give(before - vm.zip.frames());
  }

  /** The page leaves swap; returns whether it was in the host swap cache. */
  private boolean leaveSwap(VmMemory vm, int page) {
    boolean cached = vm.hasFlag(page, PageStates.IN_HOST_CACHE);
    if (cached) {
      hostCacheSwapped--;
      vm.setFlag(page, PageStates.IN_HOST_CACHE, false);
    }
    return cached;
  }

  /**
   * The size {@code page} compresses to: measured by the trace for its current content, a few bytes for a
   * zero page, else drawn from the policy's distribution, by a hash of seed, VM, page and content so that a
   * replay always draws the same.
   */
  int compressedBytes(VmMemory vm, int page) {
    long content = contents.contentOf(vm.slot, page);
    int measured = contents.measuredCompressedBytes(vm.slot, page);
    if (measured > 0) {
      return measured;
    }
    if (content == ContentHashes.ZERO) {
      return ZERO_PAGE_COMPRESSED_BYTES;
    }
    long draw = Hashing.mix(seed ^ Hashing.mix(((long) vm.slot << 40) ^ page ^ Hashing.mix(content)));
    double pct = (draw >>> 11) * 0x1.0p-53 * 100;
    for (int i = 0; i < unknownSizeBytes.length; i++) {
      if (pct < unknownSizeCumulativePct[i]) {
        return unknownSizeBytes[i];
      }
    }
    return PAGE_BYTES;
  }

  /**
   * Reads ahead, changing nothing, what paging out the pages of the next {@value #VICTIMS_AHEAD} draws of
   * {@link #randomPrivatePage} in {@code vm} will read: each page's state, its region's backing, its content
   * and where that is indexed. A victim usually takes one draw, and on a large host its page and content are
   * cache misses; read ahead, the misses of several victims overlap.
   *
   * @return a value that depends on every read, so that they are not optimised away
   */
  long prefetchVictims(VmMemory vm) {
    if (vm.known == 0) {
      return 0;
    }
    victims.peek(vm.known, nextVictims, VICTIMS_AHEAD);
    long sum = 0;
    for (int page : nextVictims) {
      sum += vm.kindOf(page) + (vm.inLargePage(page) ? 1 : 0);
    }
    return sum + contents.prefetchPages(vm.slot, nextVictims, VICTIMS_AHEAD);
  }

  /**
   * A private page chosen at random (ESX's swap victims, W02 §3.3), or -1 when the VM has none: a few random
   * draws, then a scan from a random start so a VM with few private pages left still finds them.
   */
  int randomPrivatePage(VmMemory vm) {
    if (vm.known == 0 || vm.count(PRIVATE) == 0) {
      return -1;
    }
    for (int draw = 0; draw < 16; draw++) {
      int page = victims.nextInt(vm.known);
      if (vm.kindOf(page) == PRIVATE) {
        return page;
      }
    }
    int start = victims.nextInt(vm.known);
    for (int i = 0; i < vm.known; i++) {
      int page = (start + i) % vm.known;
      if (vm.kindOf(page) == PRIVATE) {
        return page;
      }
    }
    return -1;
  }

  // ---- the balloon ----

  /**
   * The guest gives {@code page} to its balloon. A page in use ({@code inUse}) the guest must first page out
   * itself; if the host had swapped it, that means reading it back first (double paging).
   */
  void balloonTake(VmMemory vm, int page, boolean inUse) {
    if (vm.inLargePage(page)) {
      breakLargePage(vm, vm.pages.regionOfIndex(page));
    }
    switch (vm.kindOf(page)) {
      case PageStates.PRIVATE -> frames.give(1);
      case PageStates.SHARED -> unshare(vm, page);
      case PageStates.COMPRESSED -> leaveCompressionCache(vm, page);
      case PageStates.SWAPPED -> {
        boolean cached = leaveSwap(vm, page);
        if (inUse) {
          vm.swapIns++;
          waited(vm, (cached ? policy.costs().hostCacheSwapInUs() : policy.costs().swapInUs()) * 1000);
        }
      }
      default -> {
        // UNBACKED: the guest gives a page the host never backed; it frees nothing
      }
    }
    vm.setKind(page, PageStates.BALLOONED);
    vm.balloonInflated++;
    if (inUse) {
      vm.setFlag(page, PageStates.GUEST_SWAPPED, true);
      vm.guestPageOuts++;
    }
  }

  /** The balloon deflates: the guest has {@code page} back, unbacked until it touches it. */
  void balloonReturn(VmMemory vm, int page) {
    vm.setKind(page, PageStates.UNBACKED);
    vm.balloonDeflated++;
  }

  // ---- power ----

  /** A power-off: every frame, shared reference, cache slot and swap slot of the VM is given back. */
  void powerOff(VmMemory vm) {
    for (int page = 0; page < vm.known; page++) {
      switch (vm.kindOf(page)) {
        case PageStates.PRIVATE -> {
          if (!vm.inLargePage(page)) {
            frames.give(1);
          }
        }
        case PageStates.SHARED -> unshare(vm, page);
        case PageStates.SWAPPED -> leaveSwap(vm, page);
        default -> {
          // ballooned, compressed (the cache is emptied below) and unbacked pages hold no frame of their own
        }
      }
      // and no flag survives: the guest starts afresh
      vm.reset(page);
    }
    frames.give(vm.largeRegions * PAGES_PER_REGION + vm.zip.frames());
    vm.zip.clear();
    Arrays.fill(vm.regions, RegionBacking.NONE);
    vm.largeRegions = 0;
    vm.privateInLarge = 0;
    frames.releaseOverhead(vm.overheadPages);
    vm.poweredOn = false;
    feedback.setRunning(vm.slot, false);
  }
}
