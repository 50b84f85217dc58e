package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Transparent page sharing on two VMs with the same 100 contents (and, in VM 0, ten copies of one more),
 * on a host with memory to spare. The scanner is made fast enough to visit every page within a second.
 */
class PageSharingTest {

  private static final String FAST_SCAN = "scan_minutes: 0.001, max_pages_per_s: 100000";

  private static Scenario twoVms(boolean largePages) throws Exception {
    return HostFixture.scenario("""
        name: twins
        host: {name: h, memory_mb: 8192}
        vms:
          - {id: 0, memory_mb: 64, large_pages: %s}
          - {id: 1, memory_mb: 64, large_pages: %s}
        """.formatted(largePages, largePages));
  }

  private static Policy sharing(int salting, String more) throws Exception {
    return HostFixture.policy("name: p\nsharing: {salting: " + salting + ", " + FAST_SCAN + "}\n" + more);
  }

  /** Writes the contents, then lets the scanner run. */
  private static HostFixture filled(Scenario scenario, Policy policy) {
    HostFixture host = new HostFixture(scenario, policy, 1);
    for (int vm = 0; vm < 2; vm++) {
      for (int gpn = 0; gpn < 100; gpn++) {
        host.write(vm, gpn, 1000 + gpn);
      }
    }
    for (int gpn = 100; gpn < 110; gpn++) {
      host.write(0, gpn, 5000);
    }
    host.runFor(3);
    host.memory.checkInvariants();
    return host;
  }

  private static long shared(HostFixture host, int vm) {
    return host.vm(vm).count(PageStates.SHARED);
  }

  @Test
  void withSalting0IdenticalVmsShareAcrossVms() throws Exception {
    long before = new HostFixture(twoVms(false), sharing(0, ""), 1).memory.freePages();
    HostFixture host = filled(twoVms(false), sharing(0, ""));
    assertEquals(110, shared(host, 0));
    assertEquals(100, shared(host, 1));
    // 210 pages on 101 frames: 100 contents held by both VMs, one held ten times by VM 0
    assertEquals(before - 101, host.memory.freePages());
  }

  @Test
  void withSalting2VmsWithoutSaltsShareOnlyWithinThemselves() throws Exception {
    long before = new HostFixture(twoVms(false), sharing(2, ""), 1).memory.freePages();
    HostFixture host = filled(twoVms(false), sharing(2, ""));
    assertEquals(10, shared(host, 0), "VM 0's ten copies share one frame");
    assertEquals(0, shared(host, 1));
    assertEquals(before - (100 + 1) - 100, host.memory.freePages());
  }

  @Test
  void aWriteBreaksSharingWithAPrivateCopy() throws Exception {
    HostFixture host = filled(twoVms(false), sharing(0, ""));
    long free = host.memory.freePages();
    host.write(0, 0, 777);
    assertEquals(PageStates.PRIVATE, host.kindOf(0, 0));
    assertEquals(PageStates.SHARED, host.kindOf(1, 0), "the other copy still maps the frame");
    assertEquals(free - 1, host.memory.freePages(), "one frame for the private copy");
    host.memory.checkInvariants();
  }

  @Test
  void pagesInLargePagesAreHashedButShareNothingUntilTheLargePageIsBroken() throws Exception {
    HostFixture host = filled(twoVms(true), sharing(0, ""));
    assertEquals(0, shared(host, 0) + shared(host, 1), "2 MB pages are never shared");
    assertEquals(110, host.vm(0).privateInLarge);
    assertEquals(1, host.vm(0).largeRegions);
    int page = host.pages[0].find(5);
    assertTrue(host.vm(0).hasFlag(page, PageStates.SCANNED), "the scanner hashed the small pages inside");
  }

  @Test
  void brokenLargePagesShareTheirSmallPagesAtOnceFromTheirHashes() throws Exception {
    HostFixture host = filled(twoVms(true), sharing(0, "large_pages: {break_states: [high]}"));
    assertEquals(0, host.vm(0).largeRegions + host.vm(1).largeRegions);
    assertEquals(110, shared(host, 0));
    assertEquals(100, shared(host, 1));
    assertTrue(host.vm(0).largePagesBroken + host.vm(1).largePagesBroken == 2);
  }

  /** One 64 MB VM on a roomy host, under the policy sections {@code sections}. */
  private static HostFixture oneVm(boolean largePages, String sections) throws Exception {
    Scenario scenario = HostFixture.scenario("""
        name: one
        host: {name: h, memory_mb: 8192}
        vms:
          - {id: 0, memory_mb: 64, large_pages: %s}
        """.formatted(largePages));
    return new HostFixture(scenario, HostFixture.policy("name: p\n" + sections), 1);
  }

  @Test
  void theScannerCoversConfiguredMemoryOncePerScanTimeHoweverLittleIsTouched() throws Exception {
    // a 64 MB VM (16,384 pages) scanned in one minute, 273 pages a second; it touched a quarter of its memory
    HostFixture host = oneVm(false, "sharing: {salting: 0, scan_minutes: 1}\n");
    for (int gpn = 0; gpn < 4096; gpn++) {
      host.write(0, gpn, 42);
    }
    host.runFor(15);
    long quarterOfScanTime = shared(host, 0);
    assertTrue(quarterOfScanTime > 4096 / 8 && quarterOfScanTime < 4096 / 2,
        "a quarter of the scan time visits about a quarter of the touched pages, not all: " + quarterOfScanTime);
    host.runFor(50);
    assertEquals(4096, shared(host, 0), "one scan time visits them all");
    host.memory.checkInvariants();
  }

  @Test
  void largePagesAreBrokenAtThePaceOfTheScan() throws Exception {
    HostFixture host = oneVm(true, "sharing: {scan_minutes: 1}\nlarge_pages: {break_states: [high]}\n");
    for (int gpn = 0; gpn < 64 * 256; gpn++) {
      host.write(0, gpn, gpn);
    }
    assertEquals(32, host.vm(0).largeRegions);
    host.runFor(10);
    // 273 pages a second, 512 of them for each 2 MB page broken
    long broken = 32 - host.vm(0).largeRegions;
    assertTrue(broken >= 1 && broken <= 10 * 273 / 512 + 1, "about one large page every two seconds, not all at once: " + broken);
    host.runFor(120);
    assertEquals(0, host.vm(0).largeRegions, "all broken within a couple of scan times");
    host.memory.checkInvariants();
  }
}
