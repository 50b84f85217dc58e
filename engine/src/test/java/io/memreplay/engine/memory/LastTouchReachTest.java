package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The host tells the working sets how far back it compares pages' last touches, so that they keep steps as
 * far back as that (and no further): its longest age or sampling period, under its policy and every policy
 * the timeline changes to, with two ticks to spare. Steps here are seconds.
 */
class LastTouchReachTest {

  private static final String TWO_VMS = """
      name: reach
      host: {name: h, memory_mb: 4096}
      vms:
        - {id: 0, memory_mb: 64, large_pages: false, overhead_mb: 1}
        - {id: 1, memory_mb: 64, large_pages: false, overhead_mb: 1}
      """;

  @Test
  void theHostReachesBackItsLongestSamplingPeriodOrAgeAndTwoTicks() throws Exception {
    HostFixture host = new HostFixture(HostFixture.scenario(TWO_VMS), HostFixture.policy("""
        name: long-periods
        sampling: {period_s: 5000}
        balloon: {cold_age_s: 3000}
        """), 1);
    assertArrayEquals(new long[] {5003, 5003}, host.reachSteps, "5,000 s, two 1 s ticks and the step of now");
  }

  @Test
  void theHostReachesBackAtLeastTheBalloonsAges() throws Exception {
    HostFixture host = new HostFixture(HostFixture.scenario(TWO_VMS), HostFixture.builtIn("esxi-default"), 1);
    long ages = BalloonDriver.AGES + 1;
    assertArrayEquals(new long[] {ages, ages}, host.reachSteps, "a 60 s period reaches less far than the ages");
  }

  @Test
  void aPolicyTheTimelineChangesToCountsFromTheStart() throws Exception {
    HostFixture host = new HostFixture(HostFixture.scenario(TWO_VMS + """
        timeline:
          - {at_s: 10, policy: {sampling: {period_s: 40000}}}
          - {at_s: 20, policy: {sampling: {period_s: 60}}}
        """), HostFixture.builtIn("esxi-default"), 1);
    assertArrayEquals(new long[] {40003, 40003}, host.reachSteps);
  }

  /**
   * A VM whose clock stands still for 70,000 s of host time (it waits) stays in one sampling period, while
   * the steps of the last touches move on far past what 16 bits tell: the pages touched before the period
   * must still read as touched before it, as they do when the steps are 32 bits from the start.
   */
  @Test
  void aSamplingPeriodOfAVmThatWaitsReadsExactStepsHoweverManyStepsItSpans() throws Exception {
    long[] estimates = new long[2];
    for (int wide = 0; wide < 2; wide++) {
      HostFixture host = new HostFixture(HostFixture.scenario("""
          name: waits
          host: {name: h, memory_mb: 4096}
          vms:
            - {id: 0, memory_mb: 64, large_pages: false, overhead_mb: 1}
          """), HostFixture.builtIn("esxi-default"), 1);
      if (wide == 1) {
        host.lastTouch[0].reachBack(Long.MAX_VALUE);
      }
      host.runFor(1);
      int pages = 64 * 256;
      for (int gpn = 0; gpn < pages; gpn++) {
        host.read(0, gpn);
      }
      // the first 60 s period ends and the next starts, at step 60, after every page was touched
      host.runFor(60);
      long clockStopsNs = host.nowNs;
      for (int second = 0; second < 70_000; second++) {
        host.feedback.setDelayNs(0, host.nowNs + HostFixture.SECOND - clockStopsNs);
        host.runFor(1);
        if (second % 1_000 == 0) {
          host.read(0, 0);
        }
      }
      // the clock runs again: the period ends 60 s of the VM's time after it started
      host.runFor(120);
      VmMemory vm = host.vm(0);
      estimates[wide] = vm.sampler.estimatePages(host.lastTouch[0], vm.known);
    }
    assertEquals(estimates[1], estimates[0], "16-bit steps widened when the period outgrew them");
    assertTrue(estimates[0] < 64 * 256 / 2,
        "the pages were touched before the period: it found few touched, estimate " + estimates[0]);
  }
}
