package io.memreplay.engine.memory;

import io.memreplay.engine.model.VmPages;
import io.memreplay.engine.config.BalloonPolicy;
import io.memreplay.engine.config.CompressionPolicy;
import io.memreplay.engine.config.SamplingPolicy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.primitives.PagedBytes;
import java.util.Arrays;

/**
 * One VM's memory as the host holds it: a state byte per touched page ({@link PageStates}), the backing of
 * each 2 MB region ({@link RegionBacking}), and the counts of pages per state, kept exact by {@link #setKind} so that they always add
 * up to the pages touched. Also the VM's settings in pages, its compression cache and balloon, and what
 * happened in the current output interval. Pages and regions are the dense indices of {@link VmPages}; per
 * page the host keeps one byte. A shared page's frame is found by its content ({@link
 * io.memreplay.engine.sharing.SharedFrames}), so it costs no slot of its own.
 */
final class VmMemory {

  static final int PAGES_PER_REGION = VmPages.PAGES_PER_REGION;

  final int slot;
  final VmPages pages;
  // the VM's settings in pages; a timeline entry may change them (configure)
  VmSpec spec;
  long configuredPages;
  long reservationPages;
  /** The limit, or Long.MAX_VALUE when unlimited. */
  long limitPages;
  long overheadPages;
  long swapFilePages;
  long maxBalloonPages;
  boolean largePages;
  boolean canBalloon;
  final CompressionCache zip = new CompressionCache();
  final ActiveMemorySampler sampler;

  private final PagedBytes state = new PagedBytes();
  byte[] regions = new byte[1 << 6];
  short[] regionTouched = new short[1 << 6];
  private final long[] counts = new long[PageStates.KINDS];
  /** Touched pages so far: every page index below this has a state. */
  int known;
  /** PRIVATE pages that live in a LARGE region (their frames are the region's). */
  long privateInLarge;
  long largeRegions;
  long hostCacheSwapped;

  boolean poweredOn;
  long entitlementPages;
  long balloonTargetPages;
  /**
   * Σ over shared pages of (1 − 1 / references of their frame): what sharing saves this VM, as of the last
   * interval end; between interval ends, reclamation decisions read this value.
   */
  double sharedSavedPages;

  // what happened in the current output interval
  long swapIns;
  long swapOuts;
  long compressions;
  long decompressions;
  long balloonPops;
  long balloonInflated;
  long balloonDeflated;
  long guestPageOuts;
  long guestSwapIns;
  long blockedFaults;
  long largePagesBroken;

  VmMemory(int slot, VmSpec spec, VmPages pages, boolean largePagesBacking, BalloonPolicy balloon,
      CompressionPolicy compression, SamplingPolicy sampling, long seed) {
    this.slot = slot;
    this.pages = pages;
    this.sampler = new ActiveMemorySampler(sampling, Math.max(1, spec.configuredPages()), seed);
    configure(spec, largePagesBacking, balloon, compression, sampling);
  }

  /** Takes the VM's settings, and the policy's that depend on its size, in pages. */
  void configure(VmSpec settings, boolean largePagesBacking, BalloonPolicy balloon, CompressionPolicy compression,
      SamplingPolicy sampling) {
    this.spec = settings;
    this.configuredPages = settings.configuredPages();
    this.reservationPages = settings.reservationPages();
    this.limitPages = settings.limitMb() == null ? Long.MAX_VALUE : settings.limitMb() * VmSpec.PAGES_PER_MB;
    this.overheadPages = settings.overheadPages();
    this.swapFilePages = settings.swapFilePages();
    long maxBalloon = (long) (configuredPages * balloon.maxPct() / 100);
    if (settings.maxBalloonMb() != null) {
      maxBalloon = Math.min(maxBalloon, settings.maxBalloonMb() * VmSpec.PAGES_PER_MB);
    }
    this.maxBalloonPages = Math.min(maxBalloon, configuredPages - reservationPages);
    this.largePages = largePagesBacking && settings.largePages();
    this.canBalloon = balloon.enabled() && settings.balloonDriver() && maxBalloonPages > 0;
    zip.setCapacityFrames(compression.enabled() ? (long) (configuredPages * compression.maxPct() / 100) : 0);
    sampler.configure(sampling, Math.max(1, configuredPages));
  }

  /** Pages in state {@code kind} ({@link PageStates}). */
  long count(int kind) {
    return counts[kind];
  }

  /** Gives every page up to {@code page} a state: new pages are touched but not backed yet. */
  void register(int page) {
    state.ensure(page + 1);
    while (known <= page) {
      int index = known++;
      int region = pages.regionOfIndex(index);
      if (region >= regions.length) {
        regions = Arrays.copyOf(regions, Math.max(regions.length * 2, region + 1));
        regionTouched = Arrays.copyOf(regionTouched, regions.length);
      }
      regionTouched[region]++;
      counts[PageStates.UNBACKED]++;
      if (regions[region] == RegionBacking.LARGE) {
        // a new page of a region whose large page is already there is backed by it
        setKind(index, PageStates.PRIVATE);
      }
    }
  }

  int kindOf(int page) {
    return PageStates.kind(state.get(page));
  }

  /** The page's state byte: its kind and flags ({@link PageStates}). */
  byte stateOf(int page) {
    return state.get(page);
  }

  /** The page forgets everything: unbacked, no flag (a power-off). */
  void reset(int page) {
    setKind(page, PageStates.UNBACKED);
    state.set(page, PageStates.UNBACKED);
  }

  boolean inLargePage(int page) {
    return regions[pages.regionOfIndex(page)] == RegionBacking.LARGE;
  }

  /** Moves {@code page} to state {@code kind}, keeping the counts (and the large-page count) exact. */
  void setKind(int page, byte kind) {
    byte old = state.get(page);
    int oldKind = PageStates.kind(old);
    counts[oldKind]--;
    counts[kind]++;
    boolean large = regions[pages.regionOfIndex(page)] == RegionBacking.LARGE;
    if (large) {
      privateInLarge += (kind == PageStates.PRIVATE ? 1 : 0) - (oldKind == PageStates.PRIVATE ? 1 : 0);
    }
    state.set(page, PageStates.withKind(old, kind));
  }

  void setFlag(int page, byte flag, boolean on) {
    state.put(page, flag, on);
  }

  boolean hasFlag(int page, byte flag) {
    return (state.get(page) & flag) != 0;
  }

  /** Host frames this VM's pages occupy alone: small private pages, whole large pages, the compression cache. */
  long privateFrames() {
    return counts[PageStates.PRIVATE] - privateInLarge + largeRegions * PAGES_PER_REGION + zip.frames();
  }

  /** Frames of its large pages that back no touched page. */
  long largePagePadding() {
    return largeRegions * PAGES_PER_REGION - privateInLarge;
  }

  /** Host memory the VM consumes: its own frames and its part of each shared frame. */
  double consumedPages() {
    return privateFrames() + count(PageStates.SHARED) - sharedSavedPages;
  }

  /** What the VM would hold if nothing were reclaimed: every touched page, and its large pages whole. */
  long demandPages() {
    return known + largePagePadding();
  }

  void resetIntervalCounts() {
    swapIns = 0;
    swapOuts = 0;
    compressions = 0;
    decompressions = 0;
    balloonPops = 0;
    balloonInflated = 0;
    balloonDeflated = 0;
    guestPageOuts = 0;
    guestSwapIns = 0;
    blockedFaults = 0;
    largePagesBroken = 0;
  }
}
