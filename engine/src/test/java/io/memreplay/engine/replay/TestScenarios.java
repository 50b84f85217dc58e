package io.memreplay.engine.replay;

import io.memreplay.engine.config.HostSpec;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.Shares;
import io.memreplay.engine.config.VmSpec;
import java.util.ArrayList;
import java.util.List;

/** Small scenarios for engine tests. */
final class TestScenarios {

  private TestScenarios() {}

  /** A 4 GB host with one 1 GB VM per id, salted as given (null: no salt). */
  static Scenario scenario(int[] vmIds, String[] salts) {
    List<VmSpec> vms = new ArrayList<>();
    for (int i = 0; i < vmIds.length; i++) {
      vms.add(new VmSpec(vmIds[i], "vm-" + vmIds[i], 1024, 1, 0, null, Shares.NORMAL, salts[i], true, true));
    }
    return new Scenario("test", new HostSpec("host-1", 4096, 0, null, null), vms);
  }
}
