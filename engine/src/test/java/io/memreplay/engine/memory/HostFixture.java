package io.memreplay.engine.memory;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.model.HostFeedback;
import io.memreplay.engine.model.VmPages;
import io.memreplay.engine.sharing.ContentIndex;
import io.memreplay.engine.sharing.SaltGroups;
import io.memreplay.engine.workingset.LastTouch;
import io.memreplay.engine.workingset.WorkingSetTracker;

/**
 * A host's memory driven by hand, as {@link HostMemoryModel} drives it: pages are touched and snapshotted by guest
 * page number, trace time moves in seconds, and each VM's last-touch steps (one step per second) are
 * kept by a working-set tracker, as in a replay. Touches of a VM that does not run are skipped, as the
 * loop skips them.
 */
final class HostFixture {

  static final long SECOND = 1_000_000_000L;

  final Scenario scenario;
  final Policy policy;
  final HostMemory memory;
  final VmPages[] pages;
  final ContentIndex contents;
  /** Which VMs run, and how long they waited, as the host tells the replay loop. */
  final HostFeedback feedback;
  /** Each VM's last touches, and how far back, in steps of a second, the host said it compares them. */
  final WorkingSetTracker[] lastTouch;
  final long[] reachSteps;
  long nowNs;

  HostFixture(Scenario scenario, Policy policy, long seed) {
    this.scenario = scenario;
    this.policy = policy;
    int vms = scenario.vms().size();
    pages = new VmPages[vms];
    reachSteps = new long[vms];
    lastTouch = new WorkingSetTracker[vms];
    LastTouch[] told = new LastTouch[vms];
    for (int slot = 0; slot < vms; slot++) {
      pages[slot] = new VmPages();
      WorkingSetTracker tracker = new WorkingSetTracker(0, SECOND, SECOND);
      lastTouch[slot] = tracker;
      int vm = slot;
      told[slot] = new LastTouch() {
        @Override
        public int stepOf(int page) {
          return tracker.stepOf(page);
        }

        @Override
        public void reachBack(long steps) {
          reachSteps[vm] = steps;
          tracker.reachBack(steps);
        }

        @Override
        public void keepFrom(int step) {
          tracker.keepFrom(step);
        }
      };
    }
    int[] groups = SaltGroups.assign(scenario.vms(), policy.sharing());
    contents = new ContentIndex(groups);
    feedback = new HostFeedback(vms);
    memory = new HostMemory(policy, scenario, scenario.vms(), pages, told, 0, SECOND, contents, groups,
        LargePageListener.NONE, feedback, seed, 0);
  }

  static Scenario scenario(String yaml) throws ConfigException {
    return ConfigYaml.scenario(yaml, "test scenario");
  }

  static Policy policy(String yaml) throws ConfigException {
    return ConfigYaml.policy(yaml, "test policy");
  }

  static Policy builtIn(String name) throws ConfigException {
    return Policies.builtIn(name);
  }

  /** A read of guest page {@code gpn} of VM slot {@code vm} now. */
  int read(int vm, long gpn) {
    return touch(vm, gpn, false, 0);
  }

  /** A write of guest page {@code gpn}: its content becomes {@code hash}. */
  int write(int vm, long gpn, long hash) {
    return touch(vm, gpn, true, hash);
  }

  /** Touches a page of a running VM; like the replay loop, does nothing with a VM that does not run. */
  private int touch(int vm, long gpn, boolean write, long hash) {
    int page = pages[vm].indexOf(gpn);
    if (!feedback.running(vm)) {
      return page;
    }
    lastTouch[vm].touchPage(page, nowNs);
    memory.access(vm, page, write);
    if (write) {
      contents.set(vm, page, hash);
    }
    return page;
  }

  /** A content snapshot of guest page {@code gpn}, compressing to {@code compressedBytes} (-1: unknown). */
  int snapshot(int vm, long gpn, long hash, int compressedBytes) {
    int page = pages[vm].indexOf(gpn);
    if (!feedback.running(vm)) {
      return page;
    }
    boolean changed = contents.contentOf(vm, page) != hash;
    memory.content(vm, page, changed);
    contents.snapshot(vm, page, hash, compressedBytes);
    return page;
  }

  /** How long VM slot {@code vm}'s vCPUs waited since the last call, as the host told the loop. */
  double waitedNs(int vm) {
    double[] waited = new double[pages.length];
    feedback.takeStalls(waited);
    return waited[vm];
  }

  /** Trace time moves on by {@code seconds}; the host's ticks run. */
  void runFor(double seconds) {
    nowNs += Math.round(seconds * SECOND);
    memory.advanceTo(nowNs);
  }

  VmMemory vm(int slot) {
    return memory.vm(slot);
  }

  int kindOf(int vm, long gpn) {
    return vm(vm).kindOf(pages[vm].find(gpn));
  }
}
