package io.memreplay.ingest.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeneratorSpecTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    GeneratorSpec spec = GeneratorSpec.defaults();
    assertEquals(4, spec.vms());
    assertEquals(2_000_000, spec.accesses());
    assertEquals(1, spec.seed());
    assertEquals(1024, spec.guestMb());
    assertEquals(30L * 60 * 1_000_000_000, spec.durationNs());
    assertEquals("esx-01", spec.host());
    assertEquals("synthetic-4vm-seed1", spec.traceId());
    assertEquals(262_144, spec.guestPages());
  }

  @Test
  void withersChangeOneFieldAndTheTraceIdFollows() {
    GeneratorSpec spec = GeneratorSpec.defaults().withVms(7).withSeed(42).withAccesses(10).withGuestMb(64);
    assertEquals(new GeneratorSpec(7, 10, 42, 64, GeneratorSpec.DEFAULT_DURATION_NS, "esx-01"), spec);
    assertEquals("synthetic-7vm-seed42", spec.traceId());
  }

  @Test
  void badArgumentsAreRefusedSayingWhatIsAllowed() {
    GeneratorSpec spec = GeneratorSpec.defaults();
    assertMessage("vms must be at least 1, was 0", () -> spec.withVms(0));
    assertMessage("accesses must not be negative, was -5", () -> spec.withAccesses(-5));
    assertMessage("guest memory must be within [16, 1048576] MB, was 8", () -> spec.withGuestMb(8));
    assertMessage("guest memory must be within [16, 1048576] MB, was 2097152", () -> spec.withGuestMb(1 << 21));
    assertMessage("duration must be at least", () -> new GeneratorSpec(4, 10, 1, 64, 1000, "esx-01"));
    assertMessage("host name must not be empty", () -> new GeneratorSpec(4, 10, 1, 64, 1_000_000_000, " "));
  }

  private static void assertMessage(String start, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
