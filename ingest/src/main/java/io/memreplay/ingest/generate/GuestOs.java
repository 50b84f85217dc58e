package io.memreplay.ingest.generate;

/**
 * The guest operating systems of synthetic VMs. They differ in their OS image, their page-cache content
 * and how much of their memory is still zero when the trace starts.
 */
enum GuestOs {
  /** Linux leaves memory it has not used yet as the hypervisor handed it: about 30% free and zero. */
  LINUX("linux", 0.30),
  /**
   * Windows zeroes all memory at boot, so much more of it is zero pages: ESX reclaimed 325 MB of zero
   * pages from a booting Windows VM (Waldspurger, OSDI 2002, Fig. 8).
   */
  WINDOWS("windows", 0.45);

  private final String label;
  private final double zeroShare;

  GuestOs(String label, double zeroShare) {
    this.label = label;
    this.zeroShare = zeroShare;
  }

  /** Even VM ids run Linux, odd ones Windows, so any host with two VMs or more has both. */
  static GuestOs ofVm(int id) {
    return id % 2 == 0 ? LINUX : WINDOWS;
  }

  String label() {
    return label;
  }

  /** The share of guest pages that are free and zero at the start of the trace. */
  double zeroShare() {
    return zeroShare;
  }
}
