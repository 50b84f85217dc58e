package io.memreplay.engine.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.BuiltInPolicyCases;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.RandomVms;
import io.memreplay.engine.config.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests: on random hosts (overcommitted or not, with reservations, limits, salts, large pages,
 * VMs without balloon drivers, VMs powering on and off) under every built-in policy, random touches,
 * writes and snapshots never unbalance the books — each VM's pages by state add up to its touched pages
 * and the host's frames in use plus free are its memory — and the same seed gives the same states.
 */
class MemoryInvariantsTest {

  private static final int SCENARIOS = 6;
  /** Over all cases, the most pages seen in each state: the cases must reach every state for the test to mean something. */
  private static final long[] MOST_IN_STATE = new long[PageStates.KINDS];

  @AfterAll
  static void everyStateWasReached() {
    for (int kind = 0; kind < PageStates.KINDS; kind++) {
      assertTrue(MOST_IN_STATE[kind] > 0, "no case had a page in state " + kind + ": " + Arrays.toString(MOST_IN_STATE));
    }
  }

  static List<Object[]> cases() {
    return BuiltInPolicyCases.withSeeds(SCENARIOS);
  }

  @ParameterizedTest(name = "{0}, scenario {1}")
  @MethodSource("cases")
  void theBooksBalanceAfterEveryStepAndTheSameSeedGivesTheSameStates(String policyName, int seed) throws Exception {
    Policy policy = Policies.builtIn(policyName);
    Scenario scenario = randomScenario(new SplittableRandom(seed));
    long[] first = replay(scenario, policy, seed);
    long[] second = replay(scenario, policy, seed);
    assertArrayEquals(first, second, "the same seed, the same pages in the same states");
  }

  /** Random activity with invariant checks; returns every VM's counts by state and the free frames at the end. */
  private static long[] replay(Scenario scenario, Policy policy, long seed) {
    HostFixture host = new HostFixture(scenario, policy, seed);
    SplittableRandom random = new SplittableRandom(seed * 7919);
    int vms = scenario.vms().size();
    for (int step = 0; step < 60; step++) {
      int operations = 200 + random.nextInt(2000);
      for (int i = 0; i < operations; i++) {
        int vm = random.nextInt(vms);
        long pages = scenario.vms().get(vm).memoryMb() * 256;
        // a hot set and a long tail, as workloads have
        long gpn = random.nextInt(4) == 0 ? random.nextLong(pages) : random.nextLong(Math.max(1, pages / 20));
        long content = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(500);
        switch (random.nextInt(5)) {
          case 0 -> host.write(vm, gpn, content);
          case 1 -> host.snapshot(vm, gpn, content, random.nextInt(2) == 0 ? -1 : random.nextInt(4097));
          default -> host.read(vm, gpn);
        }
      }
      host.runFor(1 + random.nextInt(20));
      host.memory.checkInvariants();
      host.memory.checkState();
      for (int vm = 0; vm < vms; vm++) {
        for (int kind = 0; kind < PageStates.KINDS; kind++) {
          MOST_IN_STATE[kind] = Math.max(MOST_IN_STATE[kind], host.vm(vm).count(kind));
        }
      }
    }
    long[] state = new long[vms * PageStates.KINDS + 1];
    for (int vm = 0; vm < vms; vm++) {
      for (int kind = 0; kind < PageStates.KINDS; kind++) {
        state[vm * PageStates.KINDS + kind] = host.vm(vm).count(kind);
      }
    }
    state[state.length - 1] = host.memory.freePages();
    return state;
  }

  private static Scenario randomScenario(SplittableRandom random) throws Exception {
    int vms = 1 + random.nextInt(4);
    StringBuilder yaml = new StringBuilder("name: random\n");
    long configured = 0;
    StringBuilder list = new StringBuilder("vms:\n");
    StringBuilder timeline = new StringBuilder();
    for (int vm = 0; vm < vms; vm++) {
      long memoryMb = 16L << random.nextInt(4);
      configured += memoryMb;
      list.append(RandomVms.entry(random, vm, memoryMb, 0, 4));
      if (random.nextInt(3) == 0) {
        timeline.append("  - {at_s: ").append(100 + random.nextInt(300)).append(", vm: ").append(vm)
            .append(", action: power-off}\n");
        timeline.append("  - {at_s: ").append(500 + random.nextInt(200)).append(", vm: ").append(vm)
            .append(", action: power-on}\n");
      }
    }
    // from half of what the VMs are configured with (overcommitted) to twice as much
    long hostMb = Math.max(64, configured * (50 + random.nextInt(150)) / 100 + vms * 8);
    yaml.append("host: {name: h, memory_mb: ").append(hostMb).append("}\n").append(list);
    if (timeline.length() > 0) {
      yaml.append("timeline:\n").append(sortedByTime(timeline.toString()));
    }
    return HostFixture.scenario(yaml.toString());
  }

  private static String sortedByTime(String lines) {
    List<String> events = new ArrayList<>(List.of(lines.split("\n")));
    events.sort((a, b) -> Integer.compare(time(a), time(b)));
    return String.join("\n", events) + "\n";
  }

  private static int time(String line) {
    int start = line.indexOf("at_s: ") + 6;
    return Integer.parseInt(line.substring(start, line.indexOf(',', start)));
  }
}
