package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A VM limited to no memory at all, on a host with plenty, without sharing or a balloon driver: everything
 * it holds is paged out at the next tick, whatever the host's state (memory above a limit is reclaimed
 * even when the host has free memory), through compression where pages compress well enough.
 */
class CompressionAndSwapTest {

  private static HostFixture limitedVm() throws Exception {
    HostFixture host = new HostFixture(HostFixture.scenario("""
        name: limited
        host: {name: h, memory_mb: 8192}
        vms:
          - {id: 0, memory_mb: 64, limit_mb: 0, large_pages: false, balloon_driver: false}
        """), HostFixture.builtIn("no-sharing"), 1);
    host.snapshot(0, 0, 11, 900);
    host.snapshot(0, 1, 12, 1000);
    host.snapshot(0, 2, 13, 1800);
    host.snapshot(0, 3, 14, 3000);
    host.runFor(1);
    host.memory.checkInvariants();
    return host;
  }

  @Test
  void pagesCompressingToAQuarterOrHalfPageGoToThoseSlotsAndTheOthersToSwap() throws Exception {
    HostFixture host = limitedVm();
    VmMemory vm = host.vm(0);
    assertEquals(PageStates.COMPRESSED, host.kindOf(0, 0));
    assertTrue(vm.hasFlag(host.pages[0].find(0), PageStates.QUARTER_SLOT), "900 bytes: a quarter slot");
    assertTrue(vm.hasFlag(host.pages[0].find(1), PageStates.QUARTER_SLOT), "1,000 bytes: a quarter slot");
    assertEquals(PageStates.COMPRESSED, host.kindOf(0, 2));
    assertTrue(!vm.hasFlag(host.pages[0].find(2), PageStates.QUARTER_SLOT), "1,800 bytes: a half slot");
    assertEquals(PageStates.SWAPPED, host.kindOf(0, 3), "3,000 bytes do not compress enough: swapped");
    assertEquals(1, vm.zip.frames(), "two quarters and a half fill one frame");
    assertEquals(3, vm.compressions);
    assertEquals(1, vm.swapOuts);
  }

  @Test
  void touchingASwappedPageSwapsItInAndTheVmWaitsForIt() throws Exception {
    HostFixture host = limitedVm();
    host.vm(0).resetIntervalCounts();
    host.waitedNs(0);
    host.read(0, 3);
    assertEquals(PageStates.PRIVATE, host.kindOf(0, 3));
    assertEquals(1, host.vm(0).swapIns);
    assertEquals(5_000_000, host.waitedNs(0), 1e-6, "the default swap-in latency, 5 ms");
  }

  @Test
  void touchingACompressedPageDecompressesItAndFreesItsSlot() throws Exception {
    HostFixture host = limitedVm();
    host.vm(0).resetIntervalCounts();
    host.waitedNs(0);
    host.read(0, 2);
    host.read(0, 0);
    assertEquals(2, host.vm(0).decompressions);
    assertEquals(2 * 20_000, host.waitedNs(0), 1e-6, "the default decompression latency, 20 µs each");
    assertEquals(1, host.vm(0).zip.frames(), "one quarter slot left: still one frame");
    host.memory.checkInvariants();
  }

  @Test
  void aFullCacheSwapsOutItsOldestPage() throws Exception {
    HostFixture host = new HostFixture(HostFixture.scenario("""
        name: tiny cache
        host: {name: h, memory_mb: 8192}
        vms:
          - {id: 0, memory_mb: 40, limit_mb: 0, large_pages: false, balloon_driver: false}
        """), HostFixture.policy("name: p\nsharing: {enabled: false}\ncompression: {max_pct: 0.01}\n"), 1);
    // 0.01% of 10,240 pages: one frame, two half slots
    host.snapshot(0, 0, 21, 2000);
    host.snapshot(0, 1, 22, 2000);
    host.snapshot(0, 2, 23, 2000);
    host.runFor(1);
    VmMemory vm = host.vm(0);
    assertEquals(1, vm.zip.frames());
    assertEquals(2, vm.count(PageStates.COMPRESSED));
    assertEquals(1, vm.count(PageStates.SWAPPED));
    assertEquals(3, vm.compressions, "the third page was compressed once room was made");
    host.memory.checkInvariants();
  }
}
