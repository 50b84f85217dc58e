package io.memreplay.ingest.generate;

import java.util.SplittableRandom;

/** One VM of the synthetic host: what it runs, what its memory holds, how it maps it and when it is busy. */
final class SyntheticVm {

  static final int VCPUS = 2;
  /** The salt of even VMs; odd VMs have none, so salting modes 0, 1 and 2 each share differently. */
  static final String EVEN_VM_SALT = "tenant-a";

  private final int id;
  private final GuestOs os;
  private final GuestLayout layout;
  private final PageContents contents;
  private final GuestAddresses addresses;
  private final HotPages hotPages;
  private final PhaseSchedule schedule;
  private final long accessSeed;

  private SyntheticVm(GeneratorSpec spec, int id, SplittableRandom random) {
    this.id = id;
    this.os = GuestOs.ofVm(id);
    this.layout = new GuestLayout(spec.guestPages(), os);
    this.contents = new PageContents(layout, os, random.nextLong());
    this.addresses = new GuestAddresses(layout, random.nextLong());
    this.hotPages = new HotPages(layout, random.nextLong());
    this.schedule = PhaseSchedule.draw(random, spec.durationNs());
    this.accessSeed = random.nextLong();
  }

  /** Draws VM {@code id} of the host {@code spec} describes from {@code random}, the VM's own stream. */
  static SyntheticVm draw(GeneratorSpec spec, int id, SplittableRandom random) {
    return new SyntheticVm(spec, id, random);
  }

  int id() {
    return id;
  }

  GuestOs os() {
    return os;
  }

  String name() {
    return os.label() + "-" + id;
  }

  /** {@code sched.mem.pshare.salt}, or null. */
  String salt() {
    return id % 2 == 0 ? EVEN_VM_SALT : null;
  }

  GuestLayout layout() {
    return layout;
  }

  PageContents contents() {
    return contents;
  }

  GuestAddresses addresses() {
    return addresses;
  }

  HotPages hotPages() {
    return hotPages;
  }

  PhaseSchedule schedule() {
    return schedule;
  }

  /** Seeds the VM's access stream, so it can be replayed from the start any number of times. */
  long accessSeed() {
    return accessSeed;
  }
}
