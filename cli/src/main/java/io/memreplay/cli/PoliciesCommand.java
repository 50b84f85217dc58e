package io.memreplay.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.memreplay.engine.config.ConfigException;
import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import io.memreplay.engine.config.Policy;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memreplay policies}: the built-in policies with their descriptions, or whole policies in canonical
 * YAML with every default spelled out, ready to copy into a policy file of one's own.
 */
@Command(name = "policies", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Lists the built-in policies with what each is for; with names (or policy files), prints those policies",
        "in full, every setting spelled out, as YAML to start a policy file of your own from."})
final class PoliciesCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "NAME|FILE", description = "policies to print in full")
  List<String> names;

  @Option(names = "--all", description = "print every built-in policy in full")
  boolean all;

  @Option(names = "--json",
      description = "print the policies as one JSON document: name, digest and description, and with names every setting")
  boolean json;

  /**
   * A policy as {@code --json} prints it.
   *
   * @param settings every setting, as the YAML has them; null in the list of built-in policies
   */
  record PolicyDocument(String name, String digest, String description,
      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode settings) {}

  @Override
  public Integer call() throws Exception {
    if (all) {
      names = Policies.builtInNames();
    }
    boolean full = names != null && !names.isEmpty();
    List<Policy> policies = full ? Inputs.policies(names)
        : Policies.builtInNames().stream().map(PoliciesCommand::builtIn).toList();
    if (json) {
      System.out.print(JsonOption.text(policies.stream().map(policy -> document(policy, full)).toList()));
    } else if (full) {
      for (int i = 0; i < policies.size(); i++) {
        System.out.print((i == 0 ? "" : "---\n") + ConfigYaml.toYaml(policies.get(i)));
      }
    } else {
      list(policies);
    }
    return ExitCode.OK.code();
  }

  private static Policy builtIn(String name) {
    try {
      return Policies.builtIn(name);
    } catch (ConfigException e) {
      throw new IllegalStateException("built-in policy " + name + " is broken", e);
    }
  }

  private static PolicyDocument document(Policy policy, boolean full) {
    JsonNode settings = full ? ConfigYaml.toTree(policy) : null;
    return new PolicyDocument(policy.name(), ConfigYaml.digest(policy), policy.description() == null ? null : policy.description().trim(), settings);
  }

  private static void list(List<Policy> policies) {
    System.out.println("Built-in policies (memreplay policies NAME prints one in full; --all prints them all):");
    for (Policy policy : policies) {
      System.out.println();
      System.out.println(policy.name() + "  " + digestPrefix(policy));
      System.out.println(wrap(policy.description(), "  ", 100));
    }
  }

  private static String digestPrefix(Policy policy) {
    return "(" + ConfigYaml.digest(policy).substring(0, "sha256:".length() + 12) + ")";
  }

  private static String wrap(String text, String indent, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (String word : text.trim().split("\\s+")) {
      if (line.length() + word.length() + 1 > width && line.length() > indent.length()) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    return out.append(line).toString();
  }
}
