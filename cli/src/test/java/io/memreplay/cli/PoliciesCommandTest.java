package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.engine.config.ConfigYaml;
import io.memreplay.engine.config.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesCommandTest {

  @TempDir
  Path dir;

  @Test
  void withoutNamesEveryBuiltInPolicyIsListedWithItsDescription() {
    CommandLineRun run = CommandLineRun.of("policies").expect(ExitCode.OK);
    for (String name : Policies.builtInNames()) {
      assertTrue(run.out().contains("\n" + name + "  (sha256:"), name + " in\n" + run.out());
    }
    assertTrue(run.out().contains("DAMON_RECLAIM"), run.out());
  }

  @Test
  void aPolicyPrintedInFullIsAPolicyFileThatReplaysTheSame() throws Exception {
    CommandLineRun run = CommandLineRun.of("policies", "esx-2002").expect(ExitCode.OK);
    assertTrue(run.out().contains("basis: host"), run.out());
    Path file = dir.resolve("mine.yaml");
    Files.writeString(file, run.out());
    assertEquals(ConfigYaml.digest(Policies.builtIn("esx-2002")),
        ConfigYaml.digest(ConfigYaml.policy(Files.readString(file), file.toString())));
  }

  @Test
  void anUnknownPolicyIsBadInput() {
    CommandLineRun run = CommandLineRun.of("policies", "no-such-policy").expect(ExitCode.BAD_INPUT);
    assertTrue(run.err().contains("no-such-policy"), run.err());
  }
}
