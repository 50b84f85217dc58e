package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A 64 MB VM limited to 32 MB on a host with memory to spare, so its balloon inflates in every state: it
 * has written 10,000 pages at time 0 and holds 2,000 more it never touched (snapshotted only). The
 * balloon may take 1,000 free pages and 500 pages in use a second; zero pages idle for 10 s are free.
 */
class BalloonTest {

  private static HostFixture limitedVm() throws Exception {
    HostFixture host = new HostFixture(HostFixture.scenario("""
        name: balloon
        host: {name: h, memory_mb: 8192}
        vms:
          - {id: 0, memory_mb: 64, limit_mb: 32, large_pages: false, overhead_mb: 1}
        """), HostFixture.policy("""
        name: slow-balloon
        sharing: {enabled: false}
        balloon: {inflate_pages_per_s: 1000, pressure_pages_per_s: 500, cold_age_s: 10}
        """), 1);
    for (int gpn = 0; gpn < 10_000; gpn++) {
      host.write(0, gpn, gpn + 1);
    }
    for (int gpn = 10_000; gpn < 12_000; gpn++) {
      host.snapshot(0, gpn, gpn + 1, -1);
    }
    return host;
  }

  @Test
  void theGuestGivesItsFreePagesFirstAtTheInflateRate() throws Exception {
    HostFixture host = limitedVm();
    host.runFor(1);
    VmMemory vm = host.vm(0);
    assertEquals(1000, vm.count(PageStates.BALLOONED), "one poll: at most 1,000 pages");
    host.runFor(1);
    assertEquals(2000, vm.count(PageStates.BALLOONED));
    for (int gpn = 10_000; gpn < 12_000; gpn++) {
      assertEquals(PageStates.BALLOONED, host.kindOf(0, gpn), "the never-touched pages went first");
    }
    assertEquals(0, vm.guestPageOuts);
    host.memory.checkInvariants();
  }

  @Test
  void onceItsFreePagesAreGoneTheGuestPagesOutItsLeastRecentlyUsedPagesHoweverRecent() throws Exception {
    HostFixture host = limitedVm();
    host.runFor(2);
    // pages 0 .. 4,999 used again now: 5,000 .. 9,999 are the colder half, though none is idle 10 s
    for (int gpn = 0; gpn < 5_000; gpn++) {
      host.read(0, gpn);
    }
    host.runFor(1);
    VmMemory vm = host.vm(0);
    assertEquals(500, vm.guestPageOuts, "pages in use at 500 a second, recent or not: no VM is beyond the balloon");
    for (int gpn = 0; gpn < 5_000; gpn++) {
      assertEquals(PageStates.PRIVATE, host.kindOf(0, gpn), "the pages used most recently are kept");
    }
    host.runFor(20);
    long target = 12_000 - vm.limitPages;
    assertEquals(target, vm.count(PageStates.BALLOONED), 2, "the balloon reaches what the VM holds above its limit");
    assertEquals(vm.count(PageStates.BALLOONED) - 2000, vm.guestPageOuts, 2,
        "every page beyond the free ones was paged out by the guest");
    host.memory.checkInvariants();
  }

  @Test
  void touchingAPageTheGuestPagedOutPopsTheBalloonAndCostsAGuestSwapIn() throws Exception {
    HostFixture host = limitedVm();
    host.runFor(12);
    VmMemory vm = host.vm(0);
    int pagedOut = -1;
    for (int gpn = 0; gpn < 10_000 && pagedOut < 0; gpn++) {
      if (host.kindOf(0, gpn) == PageStates.BALLOONED) {
        pagedOut = gpn;
      }
    }
    assertTrue(pagedOut >= 0, "some page in use went to the balloon");
    vm.resetIntervalCounts();
    host.waitedNs(0);
    host.read(0, pagedOut);
    assertEquals(PageStates.PRIVATE, host.kindOf(0, pagedOut));
    assertEquals(1, vm.balloonPops);
    assertEquals(1, vm.guestSwapIns);
    assertEquals(5_000_000, host.waitedNs(0), 1e-6, "the default guest swap-in, 5 ms");
    host.memory.checkInvariants();
  }

  /**
   * Two 64 MB VMs boot on a 100 MB host over 20 s (snapshots only: their pages are the guests' free
   * memory), so balloons inflate; when one VM powers off, the other is below its target again and its
   * balloon gives its pages back.
   */
  @Test
  void theBalloonDeflatesWhenTheVmIsBelowItsTargetAgain() throws Exception {
    HostFixture host = new HostFixture(HostFixture.scenario("""
        name: deflate
        host: {name: h, memory_mb: 100}
        vms:
          - {id: 0, memory_mb: 64, large_pages: false, overhead_mb: 1}
          - {id: 1, memory_mb: 64, large_pages: false, overhead_mb: 1}
        timeline:
          - {at_s: 40, vm: 1, action: power-off}
        """), HostFixture.policy("name: p\nsharing: {enabled: false}\n"), 1);
    for (int second = 0; second < 20; second++) {
      for (int gpn = second * 820; gpn < Math.min((second + 1) * 820, 16384); gpn++) {
        host.snapshot(0, gpn, gpn + 1, -1);
        host.snapshot(1, gpn, gpn + 100_000, -1);
      }
      host.runFor(1);
    }
    host.runFor(10);
    VmMemory vm = host.vm(0);
    long inflated = vm.count(PageStates.BALLOONED);
    assertTrue(inflated > 0, "the overcommitted host ballooned");
    host.runFor(15);
    assertTrue(vm.balloonDeflated > 0, "after the power-off the balloon deflated");
    assertTrue(vm.count(PageStates.BALLOONED) < inflated, "and holds fewer pages");
    assertEquals(vm.balloonDeflated, vm.count(PageStates.UNBACKED), "given back pages are unbacked until touched");
    host.memory.checkInvariants();
  }
}
