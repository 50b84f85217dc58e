package io.memreplay.engine.memory;

import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;

/** The columns the host memory model fills: its part of {@code vm_intervals}, and {@code host_intervals}. */
final class MemoryColumns {

  // vm_intervals
  final int configuredPages;
  final int reservationPages;
  final int limitPages;
  final int shares;
  final int poweredOn;
  final int entitlementPages;
  final int consumedPages;
  final int overheadPages;
  final int activeEstimatePages;
  final int privatePages;
  final int largePagePages;
  final int unbackedPages;
  final int sharedPages;
  final int sharedSavedPages;
  final int balloonedPages;
  final int balloonTargetPages;
  final int balloonInflatedPages;
  final int balloonDeflatedPages;
  final int compressedPages;
  final int compressionCachePages;
  final int swappedPages;
  final int swapIns;
  final int swapOuts;
  final int compressions;
  final int decompressions;
  final int balloonEvents;
  final int guestPagingEvents;
  final int guestSwapIns;
  final int blockedFaults;
  final int droppedAccesses;
  final int largePagesBroken;
  final int stallNs;

  // host_intervals
  final int hostPages;
  final int freePages;
  final int vmkernelPages;
  final int hostOverheadPages;
  final int minFreePages;
  final int state;
  final int overcommitRatio;
  final int hostLargePagesBroken;
  final int hostSharedSavedPages;
  final int sharedFrames;
  final int hostBalloonedPages;
  final int hostCompressionCachePages;
  final int hostSwappedPages;
  final int hostSwapCachePages;
  final int highNs;
  final int clearNs;
  final int softNs;
  final int hardNs;
  final int lowNs;
  final int poweredOnVms;
  final int admissionRefusals;

  MemoryColumns(ModelContext context) {
    RowLayout vm = context.layout(Table.VM_INTERVALS);
    configuredPages = vm.column("configured_pages");
    reservationPages = vm.column("reservation_pages");
    limitPages = vm.column("limit_pages");
    shares = vm.column("shares");
    poweredOn = vm.column("powered_on");
    entitlementPages = vm.column("entitlement_pages");
    consumedPages = vm.column("consumed_pages");
    overheadPages = vm.column("overhead_pages");
    activeEstimatePages = vm.column("active_estimate_pages");
    privatePages = vm.column("private_pages");
    largePagePages = vm.column("large_page_pages");
    unbackedPages = vm.column("unbacked_pages");
    sharedPages = vm.column("shared_pages");
    sharedSavedPages = vm.column("shared_saved_pages");
    balloonedPages = vm.column("ballooned_pages");
    balloonTargetPages = vm.column("balloon_target_pages");
    balloonInflatedPages = vm.column("balloon_inflated_pages");
    balloonDeflatedPages = vm.column("balloon_deflated_pages");
    compressedPages = vm.column("compressed_pages");
    compressionCachePages = vm.column("compression_cache_pages");
    swappedPages = vm.column("swapped_pages");
    swapIns = vm.column("swap_ins");
    swapOuts = vm.column("swap_outs");
    compressions = vm.column("compressions");
    decompressions = vm.column("decompressions");
    balloonEvents = vm.column("balloon_events");
    guestPagingEvents = vm.column("guest_paging_events");
    guestSwapIns = vm.column("guest_swap_ins");
    blockedFaults = vm.column("blocked_faults");
    droppedAccesses = vm.column("dropped_accesses");
    largePagesBroken = vm.column("large_pages_broken");
    stallNs = vm.column("stall_ns");

    RowLayout host = context.layout(Table.HOST_INTERVALS);
    hostPages = host.column("host_pages");
    freePages = host.column("free_pages");
    vmkernelPages = host.column("vmkernel_pages");
    hostOverheadPages = host.column("overhead_pages");
    minFreePages = host.column("min_free_pages");
    state = host.column("state");
    overcommitRatio = host.column("overcommit_ratio");
    hostLargePagesBroken = host.column("large_pages_broken");
    hostSharedSavedPages = host.column("shared_saved_pages");
    sharedFrames = host.column("shared_frames");
    hostBalloonedPages = host.column("ballooned_pages");
    hostCompressionCachePages = host.column("compression_cache_pages");
    hostSwappedPages = host.column("swapped_pages");
    hostSwapCachePages = host.column("host_swap_cache_pages");
    highNs = host.column("high_ns");
    clearNs = host.column("clear_ns");
    softNs = host.column("soft_ns");
    hardNs = host.column("hard_ns");
    lowNs = host.column("low_ns");
    poweredOnVms = host.column("powered_on_vms");
    admissionRefusals = host.column("admission_refusals");
  }

  /** A VM's settings, states and events of the interval ending now; {@code activeEstimate} is ESX's sampled estimate. */
  void writeVm(Row row, VmMemory memory, long activeEstimate) {
    row.set(configuredPages, memory.configuredPages)
        .set(reservationPages, memory.reservationPages)
        .setNullable(limitPages, memory.limitPages == Long.MAX_VALUE ? null : memory.limitPages)
        .set(shares, memory.spec.shareCount())
        .set(poweredOn, memory.poweredOn)
        .set(entitlementPages, memory.entitlementPages)
        .set(consumedPages, Math.round(memory.consumedPages()))
        .set(overheadPages, memory.poweredOn ? memory.overheadPages : 0)
        .set(activeEstimatePages, activeEstimate)
        .set(privatePages, memory.count(PageStates.PRIVATE) - memory.privateInLarge)
        .set(largePagePages, memory.privateInLarge)
        .set(unbackedPages, memory.count(PageStates.UNBACKED))
        .set(sharedPages, memory.count(PageStates.SHARED))
        .set(sharedSavedPages, memory.sharedSavedPages)
        .set(balloonedPages, memory.count(PageStates.BALLOONED))
        .set(balloonTargetPages, memory.balloonTargetPages)
        .set(balloonInflatedPages, memory.balloonInflated)
        .set(balloonDeflatedPages, memory.balloonDeflated)
        .set(compressedPages, memory.count(PageStates.COMPRESSED))
        .set(compressionCachePages, memory.zip.frames())
        .set(swappedPages, memory.count(PageStates.SWAPPED))
        .set(swapIns, memory.swapIns)
        .set(swapOuts, memory.swapOuts)
        .set(compressions, memory.compressions)
        .set(decompressions, memory.decompressions)
        .set(balloonEvents, memory.balloonPops)
        .set(guestPagingEvents, memory.guestPageOuts)
        .set(guestSwapIns, memory.guestSwapIns)
        .set(blockedFaults, memory.blockedFaults)
        .set(droppedAccesses, memory.droppedAccesses)
        .set(largePagesBroken, memory.largePagesBroken)
        .set(stallNs, Math.round(memory.stallNs));
  }
}
