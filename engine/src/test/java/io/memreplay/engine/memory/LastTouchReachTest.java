package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
