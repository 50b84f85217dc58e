package io.memreplay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

  @TempDir
  Path dir;

  @Test
  void textShowsTheTotalsAndOneAlignedRowPerVm() {
    CommandLineRun.of("generate", "--out", dir, "--vms", 2, "--accesses", 12345, "--guest-mb", 16).expect(ExitCode.OK);
    String text = CommandLineRun.of("inspect", "--trace", dir).expect(ExitCode.OK).out();
    assertTrue(text.contains("trace     synthetic-2vm-seed1 on host esx-01"), text);
    assertTrue(text.contains("12,345 accesses"), text);
    String[] lines = text.split("\n");
    String header = lines[lines.length - 4];
    assertTrue(header.matches("vm \\| name +\\| accesses \\|.*\\| 4 KB pages \\| +as MB \\| 2 MB pages \\| +as MB"), text);
    assertTrue(lines[lines.length - 3].matches("-+(-\\+-+)+"), text);
    assertTrue(lines[lines.length - 2].startsWith(" 0 | linux-0   | "), text);
    assertTrue(lines[lines.length - 1].startsWith(" 1 | windows-1 | "), text);
    assertEquals(header.length(), lines[lines.length - 1].length(), "columns line up:\n" + text);
  }
}
