package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** 2 MB regions of recorded addresses: physical ones by gpa, virtual ones per address space, however large its id. */
class TraceRegionsTest {

  private static final long MB2 = 1L << 21;

  private static int region(TraceRegions regions, int asid, long gva, long gpa) {
    return gpa >= 0 ? regions.indexOf(0, true, asid, gpa) : regions.indexOf(0, false, asid, gva);
  }

  @Test
  void virtualRegionsAreTheirAddressSpacesOwnAndPhysicalOnesAreNot() {
    TraceRegions regions = new TraceRegions(1);
    int first = region(regions, 7, 5 * MB2 + 12, -1);
    assertEquals(first, region(regions, 7, 5 * MB2 + MB2 - 1, -1), "the same 2 MB of the same address space");
    assertNotEquals(first, region(regions, 8, 5 * MB2, -1), "another address space");
    assertNotEquals(first, region(regions, 7, 5 * MB2, 5 * MB2), "a recorded gpa is a physical region");
    assertEquals(region(regions, 1, 0, 5 * MB2), region(regions, 2, 99 * MB2, 5 * MB2 + 4096),
        "physical regions do not depend on the address space");
    int wide = region(regions, Integer.MAX_VALUE, 5 * MB2, -1);
    assertNotEquals(first, wide);
    assertEquals(wide, region(regions, Integer.MAX_VALUE, 5 * MB2 + 8, -1));
    assertNotEquals(wide, region(regions, -3, 5 * MB2, -1), "address spaces too large to pack keep regions of their own");
  }

  @Test
  void physicalRegionsFarAboveTheOthersAreStillTheirOwn() {
    TraceRegions regions = new TraceRegions(1);
    long far = (1L << 45) + 3 * MB2;
    int low = region(regions, 0, 0, 3 * MB2);
    int high = region(regions, 0, 0, far);
    assertNotEquals(low, high);
    assertEquals(high, region(regions, 5, 0, far + 4096));
    assertEquals(low, region(regions, 5, 0, 3 * MB2 + 4096));
    assertEquals(2, region(regions, 0, 0, 0), "indices stay dense whichever way a region is kept");
  }
}
