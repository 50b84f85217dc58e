package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How grids are spelled, read back, and turned into sizes for a working set. */
class MemoryGridTest {

  @Test
  void stepsAreEvenFractionsOfTheReachRoundedUp() {
    // a working set of 7 pages, a reach of 100
    assertArrayEquals(new long[] {25, 50, 75, 100}, MemoryGrid.parse("steps:4").sizes(7, 100));
    assertArrayEquals(new long[] {1, 2, 3}, MemoryGrid.parse("steps:4").sizes(7, 3), "1/4 of 3 is 0.75: 1 page");
    assertArrayEquals(new long[] {1}, MemoryGrid.parse("steps:4").sizes(7, 0), "nothing hits anywhere: one point");
    assertEquals(20, MemoryGrid.DEFAULT.sizes(7, 1000).length);
  }

  @Test
  void percentagesOfTheWorkingSetAndSizesMixAndComeOutSortedOnce() {
    MemoryGrid grid = MemoryGrid.parse("150%, 12.5%,1m, 100%, 4096k,256p,1g");
    // of a working set of 1000 pages (the reach, 7, does not count): 12.5% = 125, 100% = 1000, 150% = 1500; 1 MB = 256 pages (given twice), 4096 KB = 1024, 1 GB = 262144
    assertArrayEquals(new long[] {125, 256, 1000, 1024, 1500, 262_144}, grid.sizes(1000, 7));
    assertEquals("12.5%,100%,150%,256p,1024p,262144p", grid.toString());
    assertEquals(grid, MemoryGrid.parse(grid.toString()), "the canonical spelling reads back");
  }

  @Test
  void partialPagesRoundUp() {
    assertArrayEquals(new long[] {1, 2}, MemoryGrid.parse("1k,5k").sizes(10, 10));
    assertArrayEquals(new long[] {1}, MemoryGrid.parse("0.5%").sizes(10, 10));
  }

  @Test
  void mistakesSayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MemoryGrid.parse("50%,lots")).getMessage()
        .contains("'lots' in the memory grid"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MemoryGrid.parse("0%")).getMessage()
        .contains("above 0%"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MemoryGrid.parse("steps:0")).getMessage()
        .contains("steps:N"));
    assertThrows(IllegalArgumentException.class, () -> MemoryGrid.parse(""));
  }

  @Test
  void sizesAndPercentagesBeyondWhatMemreplayModelsAreRefusedNamingThemAsGiven() {
    assertEquals("'99999999999999999999GB' in the memory grid is more memory than memreplay models: a size is at most"
        + " 1 PiB (1024t)", assertThrows(IllegalArgumentException.class,
            () -> MemoryGrid.parse("1g, 99999999999999999999GB")).getMessage());
    assertEquals("'9223372036854775807p' in the memory grid is more memory than memreplay models: a size is at most"
        + " 1 PiB (1024t)", assertThrows(IllegalArgumentException.class,
            () -> MemoryGrid.parse("9223372036854775807p")).getMessage());
    for (String percent : new String[] {"99999999999999999999%", "100000.5%", "50.0000000000000000001%"}) {
      assertEquals("'" + percent + "' in the memory grid: a fraction of the working set is at most 100000%, with at"
          + " most 6 decimals", assertThrows(IllegalArgumentException.class, () -> MemoryGrid.parse(percent)).getMessage());
    }
    assertArrayEquals(new long[] {262_144L << 20}, MemoryGrid.parse("1024t").sizes(1, 1));
  }

  @Test
  void theLargestPercentageOfTheLargestWorkingSetIsExact() {
    long pib = 1L << 38;
    // of 2^38 pages (1 PiB): 99999.999999% is 99,999,999,999 / 10^8, whose product with 2^38 passes 2^63
    assertArrayEquals(new long[] {2749, 274_877_906_941_252L, pib * 1000},
        MemoryGrid.parse("100000%,0.000001%,99999.999999%").sizes(pib, 1));
    assertArrayEquals(new long[] {10, 1000}, MemoryGrid.parse("1000%,100000%").sizes(1, 1), "whole hundreds of percent");
  }
}
