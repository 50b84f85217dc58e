package io.memreplay.engine.config;

import java.util.SplittableRandom;

/** Random VMs for property tests over random hosts, as scenario YAML. */
public final class RandomVms {

  private RandomVms() {}

  /**
   * One VM's entry of a scenario's {@code vms:} list: a quarter of the memory reserved one time in three, a
   * limit of half one time in four, low, normal or high shares, a salt of two tenants half the time, large
   * pages or not, a balloon driver three times in four.
   *
   * @param vcpus how many vCPUs it has, or 0 to leave the default
   */
  public static String entry(SplittableRandom random, int id, long memoryMb, int vcpus, double overheadMb) {
    long reservation = random.nextInt(3) == 0 ? memoryMb / 4 : 0;
    return "  - {id: " + id + ", memory_mb: " + memoryMb
        + (vcpus > 0 ? ", vcpus: " + vcpus : "")
        + ", reservation_mb: " + reservation
        + (random.nextInt(4) == 0 ? ", limit_mb: " + Math.max(reservation, memoryMb / 2) : "")
        + ", shares: " + new String[] {"low", "normal", "high"}[random.nextInt(3)]
        + (random.nextInt(2) == 0 ? ", salt: tenant-" + random.nextInt(2) : "")
        + ", large_pages: " + random.nextBoolean()
        + ", balloon_driver: " + (random.nextInt(4) != 0)
        + ", overhead_mb: " + overheadMb + "}\n";
  }
}
