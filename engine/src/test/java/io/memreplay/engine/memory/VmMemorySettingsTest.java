package io.memreplay.engine.memory;

import io.memreplay.engine.model.VmPages;
import io.memreplay.engine.config.BalloonPolicy;
import io.memreplay.engine.config.CompressionPolicy;
import io.memreplay.engine.config.SamplingPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.memreplay.engine.config.OverheadMemory;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a VM's settings become in pages, against the reference's defaults and formulas. */
class VmMemorySettingsTest {

  private static final long PAGES_PER_MB = 256;

  private static VmMemory vm(long memoryMb, long reservationMb, Long maxBalloonMb, boolean driver) {
    VmSpec spec = new VmSpec(0, "vm", memoryMb, 1, reservationMb, null, Shares.NORMAL, null, true, driver,
        maxBalloonMb, null);
    return new VmMemory(0, spec, new VmPages(), true, BalloonPolicy.ESXI_DEFAULT, CompressionPolicy.ESXI_DEFAULT,
        SamplingPolicy.ESXI_DEFAULT, 1);
  }

  @Test
  void sharesAre5And10And20PerMbOfConfiguredMemoryOrANumber() {
    assertEquals(5 * 1024, Shares.LOW.of(1024));
    assertEquals(10240, Shares.NORMAL.of(1024), "1 GB at normal: 10,240 shares (RM)");
    assertEquals(2560, Shares.NORMAL.of(256), "256 MB at normal: 2,560 (ESX 2)");
    assertEquals(20 * 1024, Shares.HIGH.of(1024));
    assertEquals(777, Shares.parse("777").of(1024));
  }

  @Test
  void theBalloonMayTake65PercentOfConfiguredMemory() {
    assertEquals((long) (1024 * PAGES_PER_MB * 0.65), vm(1024, 0, null, true).maxBalloonPages);
  }

  @Test
  void maxmemctlAndTheReservationLowerTheBalloonMaximum() {
    assertEquals(100 * PAGES_PER_MB, vm(1024, 0, 100L, true).maxBalloonPages);
    assertEquals(224 * PAGES_PER_MB, vm(1024, 800, null, true).maxBalloonPages, "at most configured - reservation");
  }

  @Test
  void aVmWithoutABalloonDriverCannotBalloon() {
    assertFalse(vm(1024, 0, null, false).canBalloon);
  }

  @Test
  void theCompressionCacheMayHold10PercentOfConfiguredMemory() {
    assertEquals((long) (1000 * PAGES_PER_MB * 0.10), vm(1000, 0, null, true).zip.capacityFrames());
  }

  @Test
  void theSwapFileIsConfiguredMinusReservation() {
    assertEquals(3072 * PAGES_PER_MB, vm(4096, 1024, null, true).swapFilePages, "4 GB with 1 GB reserved: 3 GB");
    assertEquals(0, vm(4096, 4096, null, true).swapFilePages, "fully reserved: no swap file");
  }

  /** vSphere 5.x-6.7 "Sample Overhead Memory": the fit is within 0.46 MB of every cell. */
  @ParameterizedTest
  @CsvSource({"256, 1, 20.29", "1024, 1, 25.90", "4096, 2, 52.72", "16384, 4, 151.93", "16384, 8, 168.60", "256, 8, 48.16"})
  void overheadMemoryFollowsTheSampleTable(long memoryMb, int vcpus, double tableMb) {
    assertEquals(tableMb, OverheadMemory.estimateMb(memoryMb, vcpus), 0.46);
  }
}
