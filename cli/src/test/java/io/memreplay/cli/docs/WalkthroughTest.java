package io.memreplay.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The documentation runner fails when a documented command fails or a documented line is not printed. */
class WalkthroughTest {

  @TempDir
  Path dir;

  @Test
  void aFailingCommandFailsItsBlockAndTheMessageShowsTheOutput() throws Exception {
    Walkthrough walkthrough = new Walkthrough(dir);
    AssertionFailedError failure = assertThrows(AssertionFailedError.class,
        () -> walkthrough.shell("echo before\n./memreplay replay --trace missing --out r\necho after"));
    assertTrue(failure.getMessage().contains("exit 3") && failure.getMessage().contains("before")
        && !failure.getMessage().contains("\nafter"), failure.getMessage());
  }

  @Test
  void documentedLinesMustEachBePrintedWithDotsForAnyText() throws Exception {
    Walkthrough.Run run = new Walkthrough(dir).shell("echo 'Replayed trace-1 in 2.5 s: fine'\necho '  second | line'");
    Walkthrough.requireLines("Replayed trace-1 in ...: fine\nsecond | line\n", run);
    AssertionFailedError missing = assertThrows(AssertionFailedError.class,
        () -> Walkthrough.requireLines("Replayed trace-2 in ...", run));
    assertTrue(missing.getMessage().contains("documented output missing:\n  Replayed trace-2 in ..."), missing.getMessage());
  }

  @Test
  void mvnwLinesAreLeftOutAndTheRestRuns() throws Exception {
    Walkthrough.Run run = new Walkthrough(dir).shell("./mvnw -B -ntp verify   # the suite itself\necho ran");
    assertEquals("ran", run.output().strip());
  }
}
