package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.engine.replay.ReplayOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code replay} without options replays with the engine's defaults: the two cannot drift apart. */
class ReplayDefaultsTest {

  @Test
  void replaysDefaultsAreTheEnginesDefaults() {
    ReplayCommand replay = new ReplayCommand();
    new CommandLine(replay).parseArgs("--trace", "some-trace", "--out", "some-results");
    assertEquals(ReplayOptions.DEFAULT_INTERVAL_NS, replay.intervalNs);
    assertEquals(Arrays.stream(ReplayOptions.DEFAULT_WINDOWS_NS).boxed().toList(), replay.windowsNs);
    assertEquals(ReplayOptions.DEFAULT_SEED, replay.seed);
    assertEquals(ReplayOptions.DEFAULT_MAX_HELD_EVENTS, replay.maxHeldEvents);
  }
}
