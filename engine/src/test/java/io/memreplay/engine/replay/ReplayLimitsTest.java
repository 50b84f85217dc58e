package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayLimitsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final ReplayOptions MINUTES = new ReplayOptions(60 * SECOND, new long[] {60 * SECOND}, 1);
  private static final long GB = 1L << 30;

  private static TraceInfo trace(long startNs, long endNs, long events) {
    return new TraceInfo("t", "sha256:t", "h", List.of(0), startNs, endNs, events);
  }

  private static Scenario vms(int count) {
    int[] ids = new int[count];
    for (int i = 0; i < count; i++) {
      ids[i] = i;
    }
    return TestScenarios.scenario(ids, new String[count]);
  }

  @Test
  void intervalsCountEveryIntervalASpanTouchesAndSaturateInsteadOfOverflowing() {
    assertEquals(1, ReplayLimits.intervals(0, 59 * SECOND, 60 * SECOND));
    assertEquals(2, ReplayLimits.intervals(59 * SECOND, 60 * SECOND, 60 * SECOND));
    assertEquals(43_201, ReplayLimits.intervals(0, 30L * 86_400 * SECOND, 60 * SECOND));
    assertEquals(Long.MAX_VALUE, ReplayLimits.intervals(Long.MIN_VALUE, Long.MAX_VALUE, 1));
  }

  @Test
  void aSpanOfMoreIntervalsThanTheLimitIsRefusedWithTheNumber() throws Exception {
    ReplayLimits limits = new ReplayLimits(1_000, 8 * GB);
    limits.check(trace(0, 999 * 60 * SECOND, 10), true, vms(1), 1, MINUTES);
    ReplayRefusedException refused = assertThrows(ReplayRefusedException.class,
        () -> limits.check(trace(0, 30L * 86_400 * SECOND, 10), true, vms(1), 1, MINUTES));
    assertTrue(refused.getMessage().startsWith("trace t spans ts_ns 0 to 2592000000000000 (30.0 days): that is 43,201"
        + " output intervals of 60 s, more than the 1,000 a replay may produce"), refused.getMessage());
    ReplayRefusedException far = assertThrows(ReplayRefusedException.class,
        () -> limits.check(trace(Long.MIN_VALUE, Long.MAX_VALUE, 10), true, vms(1), 1, new ReplayOptions(1, new long[0], 1)));
    assertTrue(far.getMessage().contains("more than 2^63 output intervals of 1 ns"), far.getMessage());
    limits.check(trace(0, 0, -1), false, vms(1), 1, MINUTES);
  }

  @Test
  void aStreamWithoutAnEndIsBoundedToTheLimitsLastInterval() {
    ReplayLimits limits = new ReplayLimits(10, 8 * GB);
    assertEquals(10 * 60 * SECOND - 1, limits.lastNs(30 * SECOND, 60 * SECOND));
    assertEquals(ReplayLimits.intervals(30 * SECOND, limits.lastNs(30 * SECOND, 60 * SECOND), 60 * SECOND), 10);
    assertEquals(Long.MAX_VALUE, new ReplayLimits(Long.MAX_VALUE, GB).lastNs(0, 60 * SECOND));
  }

  @Test
  void vmsWhoseStateCannotFitTheHeapAreRefusedWithTheHeapToGive() throws Exception {
    ReplayLimits small = new ReplayLimits(1_000, GB);
    small.check(trace(0, SECOND, 10), true, vms(1_000), 2, MINUTES);
    ReplayRefusedException refused = assertThrows(ReplayRefusedException.class,
        () -> small.check(trace(0, SECOND, 10), true, vms(5_000), 2, MINUTES));
    assertEquals("scenario 'test' has 5,000 VMs: under 2 policies their state alone needs about 969 MB of heap before"
        + " the first page is touched (about 96 KB per VM and policy), more than 75% of the 1.0 GB this JVM may use;"
        + " give it more with MEMREPLAY_JAVA_OPTS=-Xmx2g, or replay fewer VMs or policies at once", refused.getMessage());
  }

  @Test
  void theHeapWarningBoundsPagesByConfiguredMemoryAndByEvents() {
    ReplayLimits limits = new ReplayLimits(1_000, 256L << 20);
    // two 1 GB VMs: 524,288 pages configured, but 1,000 events touch at most 2,000
    assertEquals(2_000, ReplayLimits.pageBound(trace(0, SECOND, 1_000), vms(2)));
    assertEquals(524_288, ReplayLimits.pageBound(trace(0, SECOND, -1), vms(2)));
    assertNull(limits.heapWarning(trace(0, SECOND, 1_000), vms(2), 1));
    String warning = limits.heapWarning(trace(0, SECOND, 100_000_000), vms(16), 2);
    assertTrue(warning.startsWith("this replay may need up to 312 MB of heap (up to 4,194,304 guest pages of 4 KB"
        + " tracked under 2 policies, at about 32 bytes each, and 16 VMs at up to 796 KB each) and this JVM may use"
        + " 256 MB"), warning);
    assertTrue(warning.endsWith("MEMREPLAY_JAVA_OPTS=-Xmx418m"), warning);
  }

  @Test
  void theHeapWarningCountsWhatEachVmThatTouchesManyPagesAdds() throws Exception {
    // 128 VMs of 256 MB: 8.4 M pages, 256 MB at 32 bytes, and about 0.8 MB for each VM: no warning without those
    StringBuilder yaml = new StringBuilder("name: many\nhost: {name: h, memory_mb: 65536}\nvms:\n");
    for (int vm = 0; vm < 128; vm++) {
      yaml.append("  - {id: ").append(vm).append(", memory_mb: 256}\n");
    }
    Scenario many = ConfigYaml.scenario(yaml.toString(), "many");
    ReplayLimits limits = new ReplayLimits(1_000, 450L << 20);
    assertNull(limits.heapWarning(trace(0, SECOND, 1_000), many, 1), "2,000 pages at most: no VM fills its sample");
    String warning = limits.heapWarning(trace(0, SECOND, 100_000_000), many, 1);
    assertTrue(warning != null && warning.startsWith("this replay may need up to 387 MB"), warning);
  }
}
