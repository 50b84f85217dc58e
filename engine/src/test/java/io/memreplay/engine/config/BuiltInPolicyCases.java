package io.memreplay.engine.config;

import java.util.ArrayList;
import java.util.List;

/** Parameters of tests that must hold under every built-in policy: each policy's name with each seed. */
public final class BuiltInPolicyCases {

  private BuiltInPolicyCases() {}

  /** {policy name, seed} for every built-in policy and seeds 1 .. {@code seeds}. */
  public static List<Object[]> withSeeds(int seeds) {
    List<Object[]> cases = new ArrayList<>();
    for (String policy : Policies.builtInNames()) {
      for (int seed = 1; seed <= seeds; seed++) {
        cases.add(new Object[] {policy, seed});
      }
    }
    return cases;
  }
}
