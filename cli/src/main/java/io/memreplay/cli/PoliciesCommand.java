package io.memreplay.cli;

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

  @Override
  public Integer call() throws Exception {
    if (all) {
      names = Policies.builtInNames();
    }
    if (names == null || names.isEmpty()) {
      list();
    } else {
      List<Policy> policies = Inputs.policies(names);
      for (int i = 0; i < policies.size(); i++) {
        System.out.print((i == 0 ? "" : "---\n") + ConfigYaml.toYaml(policies.get(i)));
      }
    }
    return ExitCode.OK.code();
  }

  private static void list() throws Exception {
    System.out.println("Built-in policies (memreplay policies NAME prints one in full; --all prints them all):");
    for (String name : Policies.builtInNames()) {
      Policy policy = Policies.builtIn(name);
      System.out.println();
      System.out.println(name + "  " + digestPrefix(policy));
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
