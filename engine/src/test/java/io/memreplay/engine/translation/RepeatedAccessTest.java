package io.memreplay.engine.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.schemas.avro.TranslationInterval;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An access that repeats the last one's page, vCPU, address space and kind is a first-level TLB hit and
 * leaves every later lookup as it would have been: a trace with each access repeated counts the extra
 * accesses as L1 hits and everything else as the trace without repeats does.
 */
class RepeatedAccessTest {

  @Test
  void repeatsAreFirstLevelHitsAndChangeNothingElse() throws ConfigException {
    TranslationPolicy policy = Policies.builtIn("esxi-default").translation();
    long[] gva = new long[20_000];
    int[] vcpu = new int[gva.length];
    boolean[] instruction = new boolean[gva.length];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < gva.length; i++) {
      gva[i] = 0x4000_0000L + random.nextInt(3_000) * 4096L + random.nextInt(4096);
      vcpu[i] = random.nextInt(2);
      instruction[i] = random.nextInt(4) == 0;
    }
    TranslationInterval once = replay(policy, gva, vcpu, instruction, 1);
    TranslationInterval thrice = replay(policy, gva, vcpu, instruction, 3);

    assertEquals(3 * once.getAccesses(), thrice.getAccesses());
    long extra = 2L * gva.length;
    assertEquals(once.getL1Hits4k() + extra, thrice.getL1Hits4k() + thrice.getL1Hits2m() - once.getL1Hits2m());
    assertEquals(once.getL2Hits4k(), thrice.getL2Hits4k());
    assertEquals(once.getL2Hits2m(), thrice.getL2Hits2m());
    assertEquals(once.getWalks(), thrice.getWalks());
    assertEquals(once.getWalkRefs(), thrice.getWalkRefs());
    assertEquals(once.getNestedTlbHits(), thrice.getNestedTlbHits());
  }

  private static TranslationInterval replay(TranslationPolicy policy, long[] gva, int[] vcpu, boolean[] instruction,
      int times) {
    GuestPageTables tables = new GuestPageTables(4, policy.guestPages(), policy.placement(), 1 << 20, 3);
    VmTranslation vm = new VmTranslation(policy, tables, 3);
    for (int i = 0; i < gva.length; i++) {
      long gpn = tables.place(1, gva[i]);
      for (int t = 0; t < times; t++) {
        vm.access(vcpu[i], 1, gva[i], gpn, instruction[i]);
      }
    }
    return TranslationRows.close(vm, 0, 1);
  }
}
