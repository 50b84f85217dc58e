package io.memreplay.engine.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.memreplay.schemas.trace.RecordScreen;

/**
 * One VM of a scenario. Defaults follow vSphere: 1 vCPU, no reservation, no limit, normal shares, no
 * salt, 2 MB backing pages where possible, and a balloon driver (VMware Tools) installed.
 *
 * @param id the id the VM's trace records carry
 * @param salt {@code sched.mem.pshare.salt}; null when the VM has none
 * @param limitMb null when unlimited
 * @param maxBalloonMb {@code sched.mem.maxmemctl}: the largest balloon of this VM; null for the policy's
 *     {@code balloon.max_pct} of configured memory alone
 * @param overheadMb the VM's overhead memory; null for {@link OverheadMemory#estimateMb}
 */
public record VmSpec(
    int id,
    String name,
    long memoryMb,
    int vcpus,
    long reservationMb,
    Long limitMb,
    Shares shares,
    String salt,
    boolean largePages,
    boolean balloonDriver,
    Long maxBalloonMb,
    Double overheadMb) {

  /** A VM with the balloon maximum and overhead memory left to the policy and the overhead estimate. */
  public VmSpec(int id, String name, long memoryMb, int vcpus, long reservationMb, Long limitMb, Shares shares,
      String salt, boolean largePages, boolean balloonDriver) {
    this(id, name, memoryMb, vcpus, reservationMb, limitMb, shares, salt, largePages, balloonDriver, null, null);
  }

  @JsonCreator
  public VmSpec(
      @JsonProperty(value = "id", required = true) Integer id,
      @JsonProperty("name") String name,
      @JsonProperty(value = "memory_mb", required = true) Long memoryMb,
      @JsonProperty("vcpus") Integer vcpus,
      @JsonProperty("reservation_mb") Long reservationMb,
      @JsonProperty("limit_mb") Long limitMb,
      @JsonProperty("shares") Shares shares,
      @JsonProperty("salt") String salt,
      @JsonProperty("large_pages") Boolean largePages,
      @JsonProperty("balloon_driver") Boolean balloonDriver,
      @JsonProperty("max_balloon_mb") Long maxBalloonMb,
      @JsonProperty("overhead_mb") Double overheadMb) {
    this(id.intValue(), name == null ? "vm-" + id : name, memoryMb.longValue(), vcpus == null ? 1 : vcpus,
        reservationMb == null ? 0 : reservationMb, limitMb, shares == null ? Shares.NORMAL : shares, salt,
        largePages == null || largePages, balloonDriver == null || balloonDriver, maxBalloonMb, overheadMb);
  }

  /** Scenario memory is in MB; results and the engine count 4 KB pages. */
  public static final long PAGES_PER_MB = 256;

  /** Configured memory in 4 KB pages. */
  public long configuredPages() {
    return memoryMb * PAGES_PER_MB;
  }

  /** Reserved memory in 4 KB pages. */
  public long reservationPages() {
    return reservationMb * PAGES_PER_MB;
  }

  /** Overhead memory ({@link #overheadMbOrEstimate}) in 4 KB pages, rounded up to whole pages. */
  public long overheadPages() {
    return (long) Math.ceil(overheadMbOrEstimate() * PAGES_PER_MB);
  }

  /** The VM's swap file in 4 KB pages: its configured memory less its reservation. */
  public long swapFilePages() {
    return configuredPages() - reservationPages();
  }

  /** Overhead memory in MB: as configured, else estimated from memory and vCPUs. */
  public double overheadMbOrEstimate() {
    return overheadMb != null ? overheadMb : OverheadMemory.estimateMb(memoryMb, vcpus);
  }

  /** The shares this VM holds: its level times its configured MB, or its absolute number. */
  public long shareCount() {
    return shares.of(memoryMb);
  }

  void check(String source) throws ConfigException {
    String vm = "vm " + id + " (" + name + ")";
    Scenario.require(source, id >= 0 && id <= RecordScreen.MAX_VM_ID,
        vm + ": id must be within [0, " + RecordScreen.MAX_VM_ID + "], is " + id);
    SizeLimits.mb(source, vm + ": memory_mb", memoryMb);
    SizeLimits.mb(source, vm + ": reservation_mb", reservationMb);
    SizeLimits.mb(source, vm + ": limit_mb", limitMb);
    SizeLimits.mb(source, vm + ": max_balloon_mb", maxBalloonMb);
    SizeLimits.at(source, vm + ": vcpus", (long) vcpus, SizeLimits.MAX_VCPUS, "");
    SizeLimits.finite(source, vm + ": overhead_mb", overheadMb);
    Scenario.require(source, overheadMb == null || overheadMb <= SizeLimits.MAX_MB,
        vm + ": overhead_mb is " + overheadMb + ", more than memreplay models: at most " + SizeLimits.MAX_MB + " MB");
    Scenario.require(source, memoryMb > 0, vm + ": memory_mb must be positive, is " + memoryMb);
    Scenario.require(source, vcpus > 0, vm + ": vcpus must be positive, is " + vcpus);
    Scenario.require(source, reservationMb >= 0 && reservationMb <= memoryMb,
        vm + ": reservation_mb must be within [0, memory_mb], is " + reservationMb);
    Scenario.require(source, limitMb == null || (limitMb >= reservationMb),
        vm + ": limit_mb (" + limitMb + ") must not be below reservation_mb (" + reservationMb + ")");
    Scenario.require(source, maxBalloonMb == null || maxBalloonMb >= 0, vm + ": max_balloon_mb must not be negative");
    Scenario.require(source, overheadMb == null || overheadMb >= 0, vm + ": overhead_mb must not be negative");
    SizeLimits.at(source, vm + ": shares", shareCount(), SizeLimits.MAX_SHARES, "");
  }
}
