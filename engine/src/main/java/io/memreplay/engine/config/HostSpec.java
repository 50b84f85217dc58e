package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The simulated host.
 *
 * @param name host name, as in traces and results
 * @param memoryMb physical memory
 * @param vmkernelMb memory the hypervisor keeps for itself (esxtop's "vmk"); 0 when unknown
 * @param cpus physical cores, when known
 * @param cpuGhz clock of one core, when known (TPS scan rates scale with host GHz)
 * @param swapDatastoreMb room for VM swap files on the datastore: a VM whose swap file (configured −
 *     reservation) does not fit beside those of the running VMs cannot power on; null for unlimited
 */
public record HostSpec(String name, long memoryMb, long vmkernelMb, Integer cpus, Double cpuGhz, Long swapDatastoreMb) {

  /** The most memory a host may have, MB: 1 PiB (larger sizes are refused, naming the field). */
  public static final long MAX_MEMORY_MB = SizeLimits.MAX_MB;

  /** A host with unlimited room for swap files. */
  public HostSpec(String name, long memoryMb, long vmkernelMb, Integer cpus, Double cpuGhz) {
    this(name, memoryMb, vmkernelMb, cpus, cpuGhz, null);
  }

  @JsonCreator
  public HostSpec(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "memory_mb", required = true) Long memoryMb,
      @JsonProperty("vmkernel_mb") Long vmkernelMb,
      @JsonProperty("cpus") Integer cpus,
      @JsonProperty("cpu_ghz") Double cpuGhz,
      @JsonProperty("swap_datastore_mb") Long swapDatastoreMb) {
    this(name, memoryMb == null ? 0 : memoryMb, vmkernelMb == null ? 0 : vmkernelMb, cpus, cpuGhz, swapDatastoreMb);
  }

  /** Host CPU in GHz (cores × clock), or null when the scenario does not give both. */
  public Double totalGhz() {
    return cpus == null || cpuGhz == null ? null : cpus * cpuGhz;
  }

  void check(String source) throws ConfigException {
    Scenario.require(source, name != null && !name.isBlank(), "host.name is missing");
    Scenario.require(source, memoryMb > 0, "host.memory_mb must be positive, is " + memoryMb);
    Scenario.require(source, vmkernelMb >= 0 && vmkernelMb < memoryMb,
        "host.vmkernel_mb must be within [0, memory_mb), is " + vmkernelMb);
    Scenario.require(source, cpus == null || cpus > 0, "host.cpus must be positive");
    Scenario.require(source, cpuGhz == null || cpuGhz > 0, "host.cpu_ghz must be positive");
    Scenario.require(source, swapDatastoreMb == null || swapDatastoreMb >= 0, "host.swap_datastore_mb must not be negative");
    SizeLimits.mb(source, "host.memory_mb", memoryMb);
    SizeLimits.mb(source, "host.swap_datastore_mb", swapDatastoreMb);
    SizeLimits.finite(source, "host.cpu_ghz", cpuGhz);
  }
}
