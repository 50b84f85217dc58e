package io.memreplay.engine.config;

/**
 * The memory a VM costs the host beyond its configured size (frame buffer, page tables, VMX): reserved at
 * power-on and never reclaimed (docs/model.md "Admission control").
 */
public final class OverheadMemory {

  private OverheadMemory() {}

  /**
   * The power-on overhead of a VM, MB: the least-squares fit of vSphere 5.x-6.7's "Sample Overhead Memory"
   * table (hardware MMU, VMX swap), 18.2 + 7.61 × GB + 4.03 × (vCPUs − 1), within 0.46 MB of all 16 cells
   * (256 MB to 16 GB, 1 to 8 vCPUs).
   */
  public static double estimateMb(long configuredMb, int vcpus) {
    return 18.2 + 7.61 * (configuredMb / 1024.0) + 4.03 * (vcpus - 1);
  }
}
