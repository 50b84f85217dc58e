package io.memreplay.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VmPagesTest {

  @Test
  void pagesGetDenseIndicesAndKeepTheirRegionPastSixtyFiveThousandRegions() {
    VmPages pages = new VmPages();
    // one page in each of 70,000 regions (140 GB of guest memory), then a second page in the first region
    int regions = 70_000;
    for (int region = 0; region < regions; region++) {
      assertEquals(region, pages.indexOf((long) region * VmPages.PAGES_PER_REGION + 3));
    }
    assertEquals(regions, pages.indexOf(5));
    assertEquals(regions + 1, pages.pageCount());
    assertEquals(regions, pages.regionCount());
    for (int region = 0; region < regions; region++) {
      assertEquals(region, pages.regionOfIndex(region));
      assertEquals((long) region * VmPages.PAGES_PER_REGION, pages.firstGpnOfRegion(region));
    }
    assertEquals(0, pages.regionOfIndex(regions));
    assertEquals(regions - 1, pages.regionOf((long) (regions - 1) * VmPages.PAGES_PER_REGION + 100));
    assertEquals(-1, pages.find(7));
  }
}
