package io.memreplay.ingest.generate;

import java.util.concurrent.TimeUnit;

/**
 * What the synthetic trace generator makes: a host running {@code vms} VMs of {@code guestMb} each,
 * observed for {@code durationNs} of trace time in which the VMs make {@code accesses} memory accesses
 * between them. The same spec always gives byte-identical data files.
 *
 * @param vms VMs on the host, with ids 0..vms-1. Default {@value #DEFAULT_VMS}: two Linux and two Windows
 *     guests, so that sharing within an OS, no sharing across OSes and all three salting modes show.
 * @param accesses memory accesses of all VMs together. Default {@value #DEFAULT_ACCESSES}: about a second
 *     to generate, and enough for every VM to show its working-set phases over thousands of pages.
 * @param seed seeds every random choice
 * @param guestMb configured memory of each VM. Default {@value #DEFAULT_GUEST_MB}: 262,144 pages, so working
 *     sets of 20-60% are tens of thousands of pages, while the boot snapshot (one row per page) stays
 *     about a million rows for the default four VMs.
 * @param durationNs trace time the accesses spread over. Default 30 minutes: several working-set phases
 *     per VM, and dozens of periods of ESX's slowest memory mechanisms (60 s active-memory sampling,
 *     15 s allocation rebalancing).
 * @param host the host name in the trace and the scenario. Default {@value #DEFAULT_HOST}.
 */
public record GeneratorSpec(int vms, long accesses, long seed, int guestMb, long durationNs, String host) {

  public static final int DEFAULT_VMS = 4;
  public static final long DEFAULT_ACCESSES = 2_000_000;
  public static final long DEFAULT_SEED = 1;
  public static final int DEFAULT_GUEST_MB = 1024;
  public static final long DEFAULT_DURATION_NS = TimeUnit.MINUTES.toNanos(30);
  public static final String DEFAULT_HOST = "esx-01";

  /** Smaller guests leave the page regions too few pages for their proportions to mean anything. */
  public static final int MIN_GUEST_MB = 16;
  /** Each guest address space gets a 1 TB window of virtual addresses; see {@link GuestAddresses}. */
  public static final int MAX_GUEST_MB = 1 << 20;
  /** Shorter traces cannot hold a VM's growth, steady and idle phases. */
  public static final long MIN_DURATION_NS = TimeUnit.SECONDS.toNanos(1);

  public GeneratorSpec {
    require(vms >= 1, "vms must be at least 1, was " + vms);
    require(accesses >= 0, "accesses must not be negative, was " + accesses);
    require(guestMb >= MIN_GUEST_MB && guestMb <= MAX_GUEST_MB,
        "guest memory must be within [" + MIN_GUEST_MB + ", " + MAX_GUEST_MB + "] MB, was " + guestMb);
    require(durationNs >= MIN_DURATION_NS,
        "duration must be at least " + MIN_DURATION_NS + " ns (1 s), was " + durationNs);
    require(host != null && !host.isBlank(), "host name must not be empty");
  }

  /** The spec of {@code memreplay generate} without options. */
  public static GeneratorSpec defaults() {
    return new GeneratorSpec(DEFAULT_VMS, DEFAULT_ACCESSES, DEFAULT_SEED, DEFAULT_GUEST_MB, DEFAULT_DURATION_NS,
        DEFAULT_HOST);
  }

  public GeneratorSpec withVms(int count) {
    return new GeneratorSpec(count, accesses, seed, guestMb, durationNs, host);
  }

  public GeneratorSpec withAccesses(long count) {
    return new GeneratorSpec(vms, count, seed, guestMb, durationNs, host);
  }

  public GeneratorSpec withSeed(long value) {
    return new GeneratorSpec(vms, accesses, value, guestMb, durationNs, host);
  }

  public GeneratorSpec withGuestMb(int megabytes) {
    return new GeneratorSpec(vms, accesses, seed, megabytes, durationNs, host);
  }

  /** The trace's name: what it holds and how to make it again. */
  public String traceId() {
    return "synthetic-" + vms + "vm-seed" + seed;
  }

  /** 4 KB pages of each guest. */
  public long guestPages() {
    return (long) guestMb * (1 << 20) / GuestLayout.PAGE_BYTES;
  }

  /** The spec as text for the manifest's created_by. */
  String describe() {
    return "vms=" + vms + " accesses=" + accesses + " seed=" + seed + " guest_mb=" + guestMb
        + " duration_ns=" + durationNs + " host=" + host;
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
