package io.memreplay.engine.replay;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names derived from inputs: the same trace, scenario, options and engine version give the same replay
 * id, and with the same policy the same run id, so replaying again overwrites rather than duplicates. The
 * trace counts by its identity ({@link TraceInfo#identity()}): a trace verified in full by its digest, one
 * checked less by a digest marked so, so that runs of unverified data never take the ids of verified runs;
 * and by its span.
 */
record RunIdentity(String replayId, String runId, String policyDoc, String policyDigest) {

  /**
   * The trace's span counts beside its content: it is where intervals start and what events the replay
   * accepts, and a manifest states it apart from the data files its digest covers.
   */
  static String replayId(TraceInfo trace, String scenarioDigest, ReplayOptions options) {
    return shortHash(trace.identity() + "|" + trace.host() + "|" + trace.startNs() + ".." + trace.endNs() + "|"
        + scenarioDigest + "|" + options + "|" + EngineVersion.get());
  }

  static RunIdentity of(String replayId, Policy policy) {
    String digest = ConfigYaml.digest(policy);
    return new RunIdentity(replayId, shortHash(replayId + "|" + digest), ConfigYaml.toYaml(policy), digest);
  }

  static String scenarioDigest(Scenario scenario) {
    return ConfigYaml.digest(scenario);
  }

  /** The first 16 hex digits of a SHA-256: 64 bits, ample for naming runs. */
  private static String shortHash(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
