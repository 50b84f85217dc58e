package io.memreplay.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.memreplay.cli.Main;
import io.memreplay.engine.config.ConfigYaml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation works as written: README.md, then docs/*.md, each block in order, in one temporary
 * folder, so later blocks use what earlier ones wrote (the tour and the SQL use the Quickstart's demo).
 *
 * <ul>
 *   <li>{@code sh} blocks run (see {@link Walkthrough} for the few rules); an {@code output} block right after
 *       one lists lines it must print ({@code ...} for any text).
 *   <li>A block whose info string says {@code file=NAME} is an example file: it is saved under that name.
 *   <li>{@code sql} blocks run through {@code memreplay sql -f} over the demo's results.
 *   <li>{@code usage} blocks are synopses: every command they name exists and takes every option they show.
 *   <li>{@code yaml} blocks parse as a scenario or a policy (a {@code translation:} section as a policy's).
 * </ul>
 * Blocks of other kinds (formulas, folder layouts, diagrams) are not commands and are not run.
 */
class DocumentedCommandsTest {

  private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*|-f)(?![\\w-])");
  private static final Pattern COMMAND_WORD = Pattern.compile("[a-z][a-z0-9-]*(\\|[a-z][a-z0-9-]*)*");
  private static final String DEMO_RESULTS = "memreplay-demo/results";

  @TempDir
  static Path dir;

  @TestFactory
  Stream<DynamicNode> everyDocumentedBlockWorksAsWritten() throws Exception {
    Walkthrough walkthrough = new Walkthrough(dir);
    List<DynamicNode> files = new ArrayList<>();
    for (MarkdownFile file : ProjectDocs.all()) {
      List<DynamicNode> blocks = new ArrayList<>();
      List<MarkdownFile.CodeBlock> all = file.codeBlocks;
      for (int i = 0; i < all.size(); i++) {
        MarkdownFile.CodeBlock block = all.get(i);
        MarkdownFile.CodeBlock next = i + 1 < all.size() ? all.get(i + 1) : null;
        String name = file.name() + ":" + block.line() + " " + block.info();
        String kind = block.info().split("\\s+")[0];
        if (block.info().contains("file=")) {
          String fileName = block.info().replaceAll(".*file=(\\S+).*", "$1");
          blocks.add(test(name, () -> walkthrough.file(fileName, block.text())));
        } else if (kind.equals("sh") || kind.equals("bash")) {
          String expected = next != null && next.info().equals("output") ? next.text() : null;
          blocks.add(test(name, () -> shell(walkthrough, block, expected)));
        } else if (kind.equals("output")) {
          MarkdownFile.CodeBlock previous = i > 0 ? all.get(i - 1) : null;
          blocks.add(test(name, () -> assertTrue(previous != null
              && (previous.info().equals("sh") || previous.info().equals("bash")),
              "an output block follows the shell block whose output it shows")));
        } else if (kind.equals("sql")) {
          blocks.add(test(name, () -> sql(walkthrough, block)));
        } else if (kind.equals("usage")) {
          blocks.add(test(name, () -> usage(block)));
        } else if (kind.equals("yaml")) {
          blocks.add(test(name, () -> yaml(file, block)));
        }
      }
      files.add(DynamicContainer.dynamicContainer(file.name(), blocks));
    }
    return files.stream();
  }

  /** A test whose failure names the block, file and line, as Surefire's report numbers dynamic tests only. */
  private static DynamicTest test(String name, Executable body) {
    return DynamicTest.dynamicTest(name, () -> {
      try {
        body.execute();
      } catch (AssertionError e) {
        throw new AssertionError(name + ": " + e.getMessage(), e);
      }
    });
  }

  private static void shell(Walkthrough walkthrough, MarkdownFile.CodeBlock block, String expected) throws Exception {
    boolean docker = block.text().lines().map(String::strip).anyMatch(line -> line.startsWith("docker "));
    assumeTrue(!docker || Walkthrough.dockerAvailable(), "no Docker engine answers here: the Docker block is skipped");
    Walkthrough.Run run = walkthrough.shell(block.text());
    if (expected != null) {
      Walkthrough.requireLines(expected, run);
    }
  }

  /** A query to paste: through {@code memreplay sql -f}, over the results of the Quickstart's demo. */
  private static void sql(Walkthrough walkthrough, MarkdownFile.CodeBlock block) throws Exception {
    assertTrue(Files.isDirectory(walkthrough.dir.resolve(DEMO_RESULTS)),
        "the SQL blocks query the demo's results, which README.md's Quickstart writes");
    String file = ".query-" + block.line() + ".sql";
    walkthrough.file(file, block.text());
    walkthrough.shell("./memreplay sql --results " + DEMO_RESULTS + " -f " + file);
  }

  /** Every command of a synopsis exists, and takes every option the synopsis shows. */
  private static void usage(MarkdownFile.CodeBlock block) {
    for (String line : block.text().replace("\\\n", " ").split("\n")) {
      String synopsis = line.replaceAll("\\s+#.*$", "").strip();
      if (synopsis.isEmpty() || synopsis.startsWith("#")) {
        continue;
      }
      assertTrue(synopsis.startsWith("./memreplay "), "a synopsis starts with ./memreplay: " + synopsis);
      String[] words = synopsis.substring("./memreplay ".length()).split("\\s+");
      List<List<String>> commands = new ArrayList<>(List.of(new ArrayList<>()));
      for (String word : words) {
        if (!COMMAND_WORD.matcher(word).matches()) {
          break;
        }
        List<List<String>> expanded = new ArrayList<>();
        for (List<String> command : commands) {
          for (String alternative : word.split("\\|")) {
            List<String> longer = new ArrayList<>(command);
            longer.add(alternative);
            expanded.add(longer);
          }
        }
        commands = expanded;
      }
      for (List<String> command : commands) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        String help = help(args);
        Matcher options = OPTION.matcher(synopsis);
        while (options.find()) {
          String option = options.group(1);
          assertTrue(Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])").matcher(help).find(),
              "memreplay " + String.join(" ", command) + " has no option " + option + ", though its synopsis shows it:\n"
                  + synopsis + "\n--- its help\n" + help);
        }
      }
    }
  }

  /** A documented scenario or policy parses; a translation section, as a policy's. */
  private static void yaml(MarkdownFile file, MarkdownFile.CodeBlock block) throws Exception {
    String text = block.text();
    String source = file.name() + ":" + block.line();
    if (text.startsWith("translation:")) {
      ConfigYaml.policy("name: documented-translation\n" + text, source);
    } else if (text.lines().anyMatch(line -> line.startsWith("vms:"))) {
      ConfigYaml.scenario(text, source);
    } else {
      ConfigYaml.policy(text, source);
    }
  }

  private static String help(List<String> args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int code = Main.run(args.toArray(String[]::new));
      assertEquals(0, code, "memreplay " + String.join(" ", args) + " failed: is the command named right?");
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
