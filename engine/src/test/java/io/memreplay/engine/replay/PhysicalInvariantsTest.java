package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.BuiltInPolicyCases;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.MemoryState;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.RandomVms;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.StatePolicy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageContent;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.trace.TraceFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What no replay may ever report, whatever the policy and the host: on random hosts (overcommitted or not,
 * VMs of 1 to 4 vCPUs with reservations, limits, salts, with and without balloon drivers and large pages,
 * powering off and on, changing their settings and the salting on the timeline) replayed closed loop under every
 * built-in policy, every interval's rows keep the physics:
 *
 * <ul>
 *   <li>no VM waits longer than the interval on each of its vCPUs, and what it waited plus the trace time it
 *       got through is the interval;
 *   <li>a VM consumes at most its configured memory and overhead, shares at most the pages it touched, and
 *       its pages by state add up to the pages it touched; what sharing saves the VMs adds up to what it
 *       saves the host;
 *   <li>free memory is never negative, and the host's frames add up: VMkernel + overhead + what the VMs
 *       consume + free = host memory;
 *   <li>the host's state agrees with its free memory: a lower state at once, a higher one only past the
 *       hysteresis.
 * </ul>
 */
class PhysicalInvariantsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long INTERVAL = 5 * SECOND;
  private static final int SEEDS = 3;

  static List<Object[]> cases() {
    return BuiltInPolicyCases.withSeeds(SEEDS);
  }

  @ParameterizedTest(name = "{0}, host {1}")
  @MethodSource("cases")
  void everyIntervalKeepsThePhysics(String policyName, int seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + policyName.hashCode());
    Scenario scenario = randomScenario(random);
    Policy policy = Policies.builtIn(policyName);
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(randomTrace(scenario, random), scenario.vms().stream().map(VmSpec::id).toList(), 512),
        scenario, List.of(policy), new ReplayOptions(INTERVAL, new long[] {INTERVAL}, seed), output, ReplayProgress.NONE)
        .run();
    RecordingOutput.RecordedRun run = output.runs.get(policyName);
    Map<Long, List<VmInterval>> vmsByEnd = run.vmIntervals.stream()
        .collect(Collectors.groupingBy(VmInterval::getIntervalEndNs));
    for (VmInterval vm : run.vmIntervals) {
      String where = policyName + " " + vm;
      int vcpus = scenario.vm(vm.getVm()).vcpus();
      assertTrue(vm.getStallNs() <= INTERVAL * vcpus + 1, "stall within interval x vCPUs: " + where);
      assertEquals(INTERVAL, vm.getTraceServedNs() + vm.getStallNs() / (double) vcpus - vm.getCatchUpNs(), 3,
          "what the VM waited and the trace time it served make the interval: " + where);
      assertTrue(vm.getConsumedPages() <= vm.getConfiguredPages() + vm.getOverheadPages(), "consumed: " + where);
      assertTrue(vm.getSharedPages() <= vm.getTouchedPages(), "shared: " + where);
      long byState = vm.getPrivatePages() + vm.getLargePagePages() + vm.getSharedPages() + vm.getBalloonedPages()
          + vm.getCompressedPages() + vm.getSwappedPages() + vm.getUnbackedPages();
      assertEquals(vm.getTouchedPages(), byState, "pages by state: " + where);
    }
    StatePolicy states = policy.states();
    for (HostInterval host : run.hostIntervals) {
      String where = policyName + " " + host;
      assertTrue(host.getFreePages() >= 0, where);
      long consumed = 0;
      double saved = 0;
      List<VmInterval> vms = vmsByEnd.get(host.getIntervalEndNs());
      for (VmInterval vm : vms) {
        consumed += vm.getConsumedPages();
        saved += vm.getSharedSavedPages();
      }
      assertEquals(host.getSharedSavedPages(), saved, 1e-6 * Math.max(1, saved),
          "every shared page maps a frame: what the VMs are charged as saved is what the host saves: " + where);
      long books = host.getVmkernelPages() + host.getOverheadPages() + consumed + host.getFreePages();
      assertEquals(host.getHostPages(), books, vms.size(), "frames add up (consumed is rounded per VM): " + where);
      checkState(states, host, where);
    }
  }

  /** The state at the interval's end, as free memory makes it (thresholds in pages of the states' basis). */
  private static void checkState(StatePolicy states, HostInterval host, String where) {
    double basis = states.basis() == StatePolicy.Basis.MIN_FREE ? host.getMinFreePages() : host.getHostPages();
    MemoryState state = MemoryState.valueOf(host.getState());
    MemoryState[] all = MemoryState.values();
    long free = host.getFreePages();
    if (state.ordinal() < all.length - 1) {
      long below = Math.round(basis * states.thresholdPct(all[state.ordinal() + 1]) / 100);
      assertTrue(free >= below, "free memory below the next state's threshold " + below + ": " + where);
    }
    if (state != MemoryState.HIGH) {
      long threshold = Math.round(basis * states.thresholdPct(state) / 100);
      assertTrue(free < threshold * (1 + states.hysteresisPct() / 100), "free memory past the hysteresis: " + where);
    }
  }

  private static Scenario randomScenario(SplittableRandom random) throws Exception {
    int vms = 1 + random.nextInt(4);
    StringBuilder yaml = new StringBuilder("name: random\n");
    StringBuilder list = new StringBuilder("vms:\n");
    List<String> timeline = new ArrayList<>();
    long configured = 0;
    for (int vm = 0; vm < vms; vm++) {
      long memoryMb = 16L << random.nextInt(3);
      configured += memoryMb;
      list.append(RandomVms.entry(random, vm, memoryMb, 1 + random.nextInt(4), 2));
      if (random.nextInt(3) == 0) {
        timeline.add(entry(5 + random.nextInt(10), "vm: " + vm + ", action: power-off"));
        timeline.add(entry(20 + random.nextInt(10), "vm: " + vm + ", action: power-on"));
      }
      if (random.nextInt(3) == 0) {
        timeline.add(entry(random.nextInt(40), "vm: " + vm + ", set: {shares: high, limit_mb: null, memory_mb: "
            + memoryMb * 2 + "}"));
      }
    }
    if (random.nextInt(3) == 0) {
      timeline.add(entry(random.nextInt(40), "policy: {allocation: {idle_tax_pct: " + random.nextInt(100) + "}}"));
    }
    // a new salting or salt regroups the VMs: every shared page is copied, under pressure too
    if (random.nextInt(2) == 0) {
      timeline.add(entry(5 + random.nextInt(35), "policy: {sharing: {salting: " + random.nextInt(3) + "}}"));
    }
    if (random.nextInt(3) == 0) {
      timeline.add(entry(5 + random.nextInt(35), "vm: " + random.nextInt(vms) + ", set: {salt: tenant-"
          + random.nextInt(2) + "}"));
    }
    // from a third of what the VMs are configured with (heavily overcommitted) to twice as much
    long hostMb = Math.max(24, configured * (33 + random.nextInt(170)) / 100 + vms * 4);
    yaml.append("host: {name: h, memory_mb: ").append(hostMb).append("}\n").append(list);
    if (!timeline.isEmpty()) {
      timeline.sort((a, b) -> Integer.compare(time(a), time(b)));
      yaml.append("timeline:\n").append(String.join("", timeline));
    }
    return ConfigYaml.scenario(yaml.toString(), "random scenario");
  }

  private static String entry(int atS, String body) {
    return "  - {at_s: " + atS + ", " + body + "}\n";
  }

  private static int time(String entry) {
    int start = entry.indexOf("at_s: ") + 6;
    return Integer.parseInt(entry.substring(start, entry.indexOf(',', start)));
  }

  /**
   * 40 s of a random mix: boot snapshots (a third zero pages), then reads and writes of a hot set and a long
   * tail, and for some VMs demand samples instead of accesses.
   */
  private static List<SpecificRecordBase> randomTrace(Scenario scenario, SplittableRandom random) {
    List<SpecificRecordBase> events = new ArrayList<>();
    for (VmSpec vm : scenario.vms()) {
      long pages = vm.memoryMb() * 256;
      if (random.nextInt(4) == 0) {
        for (long t = 10; t <= 40; t += 10) {
          long touched = pages * (1 + random.nextInt(4)) / 4;
          events.add(TraceFixtures.demand(t * SECOND, vm.id(), 10 * SECOND, touched * random.nextInt(101) / 100, touched));
        }
        continue;
      }
      for (long gpn = 0; gpn < pages; gpn += 1 + random.nextInt(3)) {
        long hash = gpn % 3 == 0 ? 0 : 1 + random.nextInt(300);
        events.add(new PageContent(random.nextLong(2 * SECOND), vm.id(), gpn, hash, hash == 0, random.nextInt(4096)));
      }
      int accesses = 5000 + random.nextInt(15000);
      for (int i = 0; i < accesses; i++) {
        long gpn = random.nextInt(4) == 0 ? random.nextLong(pages) : random.nextLong(Math.max(1, pages / 10));
        boolean write = random.nextInt(4) == 0;
        events.add(new MemoryAccess(2 * SECOND + random.nextLong(38 * SECOND), vm.id(), 0, 0, gpn << 12, gpn << 12,
            write ? AccessOp.WRITE : AccessOp.READ, 8, write ? (long) random.nextInt(300) : null));
      }
    }
    return events;
  }
}
