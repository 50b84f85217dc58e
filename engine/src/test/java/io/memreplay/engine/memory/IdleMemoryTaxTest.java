package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Two VMs with equal shares on a host that holds 1.5 of them: both write all their 16 MB, then one keeps
 * touching every page each second while the other idles. After ten minutes the sampled estimates know
 * who is active, and the allocation targets show what the idle memory tax does with that.
 */
class IdleMemoryTaxTest {

  private static final int PAGES = 16 * 256;

  private static HostFixture activeAndIdle(double idleTaxPct) throws Exception {
    Scenario scenario = HostFixture.scenario("""
        name: active and idle
        host: {name: h, memory_mb: 28}
        vms:
          - {id: 0, memory_mb: 16, overhead_mb: 1, large_pages: false}
          - {id: 1, memory_mb: 16, overhead_mb: 1, large_pages: false}
        """);
    HostFixture host = new HostFixture(scenario,
        HostFixture.policy("name: tax\nsharing: {enabled: false}\nallocation: {idle_tax_pct: " + idleTaxPct + "}\n"), 1);
    for (int gpn = 0; gpn < PAGES; gpn++) {
      host.write(0, gpn, gpn + 1);
      host.write(1, gpn, gpn + 1_000_000);
    }
    for (int second = 0; second < 600; second++) {
      for (int gpn = 0; gpn < PAGES; gpn++) {
        host.read(0, gpn);
      }
      host.runFor(1);
    }
    host.memory.checkInvariants();
    return host;
  }

  @Test
  void withoutTheTaxEqualSharesGetEqualTargetsWhateverTheirActivity() throws Exception {
    HostFixture host = activeAndIdle(0);
    assertEquals(host.vm(0).entitlementPages, host.vm(1).entitlementPages, 2);
  }

  @Test
  void withTheDefaultTaxTheIdleVmLosesMemoryToTheActiveOne() throws Exception {
    HostFixture host = activeAndIdle(75);
    long active = host.vm(0).entitlementPages;
    long idle = host.vm(1).entitlementPages;
    assertTrue(active > idle + PAGES / 4, "active " + active + ", idle " + idle);
    assertTrue(host.vm(1).consumedPages() < host.vm(0).consumedPages(), "and the host reclaims from the idle VM");
  }
}
