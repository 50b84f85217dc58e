package io.memreplay.cli;

import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.PolicySweep;
import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Scenario and policy documents named on the command line, loaded and checked. */
final class Inputs {

  /** The file {@code generate} writes beside a trace, and {@code replay} uses when no scenario is given. */
  static final String SCENARIO_FILE = "scenario.yaml";

  private Inputs() {}

  /** The scenario in {@code file}, or when null the one beside the trace. */
  static Scenario scenario(Path file, Path traceDir) throws BadInputException {
    Path path = file != null ? file : traceDir.resolve(SCENARIO_FILE);
    String yaml;
    try {
      yaml = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file != null ? path + ": no such scenario file"
          : "no --scenario given and the trace has no " + SCENARIO_FILE + " (" + path + "); write one, see docs/configuration.md");
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot be read (" + e.getMessage() + ")", e);
    }
    try {
      return ConfigYaml.scenario(yaml, path.toString());
    } catch (ConfigException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  /**
   * Checks that the scenario's timeline changes make a valid policy of each of {@code policies} (they were
   * checked against ESXi's defaults when the scenario was read).
   */
  static void checkTimeline(Scenario scenario, List<Policy> policies, String scenarioSource) throws BadInputException {
    for (Policy policy : policies) {
      try {
        scenario.policiesAlongTimeline(policy, scenarioSource);
      } catch (ConfigException e) {
        throw new BadInputException(e.getMessage(), e);
      }
    }
  }

  /** Each value is a built-in policy name or the path of a policy YAML file. */
  static List<Policy> policies(List<String> names) throws BadInputException {
    List<Policy> policies = new ArrayList<>();
    for (String name : names) {
      policies.add(policy(name));
    }
    return policies;
  }

  /**
   * The policies of {@code names}, each expanded into every combination of {@code sweep} when it is given:
   * a YAML file of settings to values, or {@code setting=v1,v2;setting=...}.
   *
   * @throws UsageException when the inline grid cannot be read or expanded: it is part of the command line,
   *     where a sweep file is an input
   */
  static List<Policy> policies(List<String> names, String sweep) throws BadInputException, UsageException {
    List<Policy> bases = policies(names);
    return requireDistinctNames(sweep == null ? bases : expand(bases, sweep), names);
  }

  private static List<Policy> expand(List<Policy> bases, String sweep) throws BadInputException, UsageException {
    Path file = sweepFile(sweep);
    try {
      PolicySweep grid = file == null ? PolicySweep.parse(sweep, "--sweep")
          : PolicySweep.fromYaml(Files.readString(file), file.toString());
      return grid.expand(bases);
    } catch (ConfigException e) {
      if (file == null) {
        throw new UsageException(e.getMessage(), e);
      }
      throw new BadInputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new BadInputException(sweep + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** The file {@code sweep} names, or null when it is a grid (it has a '=', or names no file). */
  private static Path sweepFile(String sweep) {
    try {
      Path file = Path.of(sweep);
      return !sweep.contains("=") && Files.isRegularFile(file) ? file : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** Policy names name runs and their result folders, so one replay cannot have two policies of a name. */
  private static List<Policy> requireDistinctNames(List<Policy> policies, List<String> given) throws BadInputException {
    Set<String> seen = new HashSet<>();
    for (Policy policy : policies) {
      if (!seen.add(policy.name())) {
        throw new BadInputException("two policies are named '" + policy.name() + "' (--policy "
            + String.join(",", given) + "); policy names name the runs and their result folders: give a policy file"
            + " a name of its own (name:)");
      }
    }
    return policies;
  }

  private static Policy policy(String name) throws BadInputException {
    try {
      if (Policies.isBuiltIn(name)) {
        return Policies.builtIn(name);
      }
      Path file = Path.of(name);
      if (!Files.isRegularFile(file)) {
        throw new BadInputException("'" + name + "' is neither a built-in policy " + Policies.builtInNames()
            + " nor a policy file");
      }
      Policy policy = ConfigYaml.policy(Files.readString(file), file.toString());
      Policies.checkName(policy, file.toString());
      return policy;
    } catch (ConfigException e) {
      throw new BadInputException(e.getMessage(), e);
    } catch (IOException e) {
      throw new BadInputException(name + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
