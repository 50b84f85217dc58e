package io.memreplay.engine.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.trace.PageTableColumns;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An access that repeats the last one's page, vCPU, address space and kind is a first-level TLB hit and
 * leaves every later lookup as it would have been: a trace with each access repeated counts the extra
 * accesses as L1 hits and everything else as the trace without repeats does. Repeats are told per kind:
 * code runs through a page while it loads and stores elsewhere.
 */
class RepeatedAccessTest {

  /** A guest page no access touches: backing it with small pages changes nothing but the repeats. */
  private static final long UNTOUCHED_GPN = 1L << 40;

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

  /**
   * Code fetched from a few pages, data from many, two vCPUs switching address spaces now and then, and
   * invalidations: the rows are those of the same accesses each looked up in full.
   */
  @ParameterizedTest
  @ValueSource(strings = {"esxi-default", "shadow-paging", "no-large-pages", "untagged"})
  void repeatsOfEitherKindCountAsFullLookupsWould(String policyName) throws ConfigException {
    TranslationPolicy policy = policyName.equals("untagged")
        ? ConfigYaml.policy("name: untagged\ntranslation: {tagged: false}\n", "test policy").translation()
        : Policies.builtIn(policyName).translation();
    assertEquals(mixedTrace(policy, false), mixedTrace(policy, true));
  }

  private static TranslationInterval mixedTrace(TranslationPolicy policy, boolean lookUpEveryAccess) {
    GuestPageTables tables = new GuestPageTables(4, policy.guestPages(), policy.placement(), 1 << 20, 3);
    VmTranslation vm = new VmTranslation(policy, tables, 3);
    SplittableRandom random = new SplittableRandom(11);
    long[] code = new long[2];
    long[] data = new long[2];
    int[] asid = {1, 2};
    for (int i = 0; i < 50_000; i++) {
      int vcpu = random.nextInt(8) == 0 ? 1 : 0;
      if (random.nextInt(20) == 0) {
        asid[vcpu] = 1 + random.nextInt(2);
      }
      boolean instruction = random.nextInt(3) > 0;
      long[] last = instruction ? code : data;
      if (random.nextInt(5) == 0) {
        last[vcpu] = instruction
            ? 0x40_0000L + random.nextInt(40) * 4096L
            : 0x7f00_0000_0000L + random.nextInt(3_000) * 4096L;
      }
      long gva = last[vcpu] + random.nextInt(4096);
      if (random.nextInt(1_000) == 0) {
        vm.pageTableOp(vcpu, asid[vcpu], PageTableColumns.PROTECT, gva & ~4095L, 4096);
      }
      if (lookUpEveryAccess) {
        vm.backWithSmallPages(UNTOUCHED_GPN);
      }
      vm.access(vcpu, asid[vcpu], gva, tables.place(asid[vcpu], gva), instruction);
    }
    return TranslationRows.close(vm, 0, 1);
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
