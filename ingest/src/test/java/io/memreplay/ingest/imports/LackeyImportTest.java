package io.memreplay.ingest.imports;

import static io.memreplay.ingest.imports.Imports.access;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memreplay.ingest.inspect.TraceStatistics;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.trace.TraceDataset;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LackeyImportTest {

  @TempDir
  Path dir;

  /**
   * The example in the header comment of valgrind's lackey/lk_main.c, without the comment's "# ..."
   * annotations, which lackey does not print.
   */
  @Test
  void theExampleOfLackeysSourceGivesOneRecordPerLineAndAModifyIsOneWrite() throws Exception {
    Path trace = Imports.write(dir, "example.lackey",
        "I  0023C790,2",
        "I  0023C792,5",
        " S BE80199C,4",
        "I  0025242B,3",
        " L BE801950,4",
        "I  0023D476,7",
        " M 0025747C,1",
        "I  0023DC20,2",
        " L 00254962,1",
        " L BE801FB3,1",
        "I  00252305,1",
        " L 00254AEB,1",
        " S 00257998,1");
    Path out = dir.resolve("trace");
    ImportSummary summary = Imports.run(out, TraceFormat.LACKEY, trace);

    assertEquals(List.of(
        access(0, 0, 0, AccessOp.EXEC, 0x0023C790L, 2),
        access(1, 0, 0, AccessOp.EXEC, 0x0023C792L, 5),
        access(2, 0, 0, AccessOp.WRITE, 0xBE80199CL, 4),
        access(3, 0, 0, AccessOp.EXEC, 0x0025242BL, 3),
        access(4, 0, 0, AccessOp.READ, 0xBE801950L, 4),
        access(5, 0, 0, AccessOp.EXEC, 0x0023D476L, 7),
        access(6, 0, 0, AccessOp.WRITE, 0x0025747CL, 1),
        access(7, 0, 0, AccessOp.EXEC, 0x0023DC20L, 2),
        access(8, 0, 0, AccessOp.READ, 0x00254962L, 1),
        access(9, 0, 0, AccessOp.READ, 0xBE801FB3L, 1),
        access(10, 0, 0, AccessOp.EXEC, 0x00252305L, 1),
        access(11, 0, 0, AccessOp.READ, 0x00254AEBL, 1),
        access(12, 0, 0, AccessOp.WRITE, 0x00257998L, 1)), Imports.accesses(out));
    assertEquals(new ImportSummary.FileSummary(trace.toString(), 0, 0, 13, 13, 0, 0, 6), summary.files().get(0),
        "6 distinct pages: 0x23c, 0x23d, 0x252, 0x254, 0x257, 0xbe801");
    assertTrue(summary.manifest().nominalTime());
  }

  @Test
  void anAccessAcrossAPageBoundaryIsOneRecordThatTouchesBothPages() throws Exception {
    Path out = dir.resolve("trace");
    ImportSummary summary = Imports.run(out, TraceFormat.LACKEY, Imports.write(dir, "crossing.lackey", " L 00000FFE,4"));

    assertEquals(List.of(access(0, 0, 0, AccessOp.READ, 0xFFE, 4)), Imports.accesses(out));
    assertEquals(2, summary.files().get(0).pages());
    assertEquals(2, TraceStatistics.of(TraceDataset.open(out)).vms().get(0).distinctPages4k());
  }

  @Test
  void malformedLinesAreRejectedWithLineNumberAndReasonAndTheOthersImported() throws Exception {
    Path trace = Imports.write(dir, "mixed.lackey",
        "==4242== Lackey, an example Valgrind tool",
        "I  0023C790,2",
        " L 0023G790,4",
        " S BE80199C 4",
        " X BE80199C,4",
        " L BE80199C,0",
        "hello world",
        "",
        " M 00001000,8",
        "I  0023C790,2 trailing",
        "SB 0023c790",
        "--4242-- a valgrind warning",
        " L ,4",
        " L 0123456789abcdef0,4",
        " L 00001000,5000",
        " S 7fff0000,8\r",
        " L 7fff0000");
    Path out = dir.resolve("trace");
    ImportSummary summary = Imports.run(out, TraceFormat.LACKEY, trace);

    assertEquals(List.of(
        access(0, 0, 0, AccessOp.EXEC, 0x0023C790L, 2),
        access(1, 0, 0, AccessOp.WRITE, 0x1000L, 8),
        access(2, 0, 0, AccessOp.WRITE, 0x7fff0000L, 8)), Imports.accesses(out));
    String source = trace.toString();
    assertEquals(List.of(
        source + ":3: expected ',' between the address and the size, found 'G' [ L 0023G790,4]",
        source + ":4: expected ',' between the address and the size, found ' ' [ S BE80199C 4]",
        source + ":5: expected an op (I, L, S, M), found 'X' [ X BE80199C,4]",
        source + ":6: size 0 is outside 1..4096 bytes [ L BE80199C,0]",
        source + ":7: expected an op (I, L, S, M), found 'h' [hello world]",
        source + ":10: unexpected 't' after the last field [I  0023C790,2 trailing]",
        source + ":13: expected the address in hex, found ',' [ L ,4]",
        source + ":14: the address has 17 hex digits, more than 64 bits [ L 0123456789abcdef0,4]",
        source + ":15: size 5000 is outside 1..4096 bytes [ L 00001000,5000]",
        source + ":17: expected ',' between the address and the size, found the end of the line [ L 7fff0000]"),
        Imports.rejects(out).stream().map(Imports::describe).toList());
    assertEquals(new ImportSummary.FileSummary(source, 0, 0, 17, 3, 4, 10, 3), summary.files().get(0));
    assertEquals(new RejectedLine(source, 3, "expected ',' between the address and the size, found 'G'"),
        summary.firstRejects().get(0));
    assertEquals(TraceImporter.REJECTS_SHOWN, summary.firstRejects().size());
    assertEquals(10, summary.manifest().importRejects().count());
    assertEquals(10, TraceStatistics.of(TraceDataset.open(out)).importRejects().count());
  }

  @Test
  void aTraceOfARealProgramRecordedByValgrindImportsEveryAccessLine() throws Exception {
    Assumptions.assumeTrue(onPath("valgrind"), "valgrind is not installed");
    Path log = dir.resolve("true.lackey");
    Process valgrind = new ProcessBuilder("valgrind", "--tool=lackey", "--trace-mem=yes", "--log-file=" + log,
        "/bin/true").redirectErrorStream(true).redirectOutput(dir.resolve("valgrind.out").toFile()).start();
    assertTrue(valgrind.waitFor(5, TimeUnit.MINUTES), "valgrind did not finish");
    assertEquals(0, valgrind.exitValue(), Files.readString(dir.resolve("valgrind.out")));

    // lines counted by their first three characters, independently of the parser
    List<String> lines = Files.readAllLines(log);
    Map<String, Long> kinds = lines.stream()
        .collect(Collectors.groupingBy(line -> line.startsWith("==") ? "==" : line.substring(0, 3), Collectors.counting()));
    assertTrue(List.of("==", "I  ", " L ", " S ", " M ").containsAll(kinds.keySet()), kinds.toString());
    Map<AccessOp, Long> expected = Map.of(AccessOp.EXEC, kinds.get("I  "), AccessOp.READ, kinds.get(" L "),
        AccessOp.WRITE, kinds.get(" S ") + kinds.get(" M "));
    Path out = dir.resolve("trace");
    ImportSummary summary = Imports.run(out, TraceFormat.LACKEY, log);

    Map<AccessOp, Long> imported = new EnumMap<>(AccessOp.class);
    for (MemoryAccess access : Imports.accesses(out)) {
      imported.merge(access.getOp(), 1L, Long::sum);
    }
    assertEquals(expected, imported);
    assertTrue(kinds.get(" M ") > 0 && kinds.get("==") > 5, kinds.toString());
    long valgrindLines = kinds.get("==");
    assertEquals(new ImportSummary.FileSummary(log.toString(), 0, 0, lines.size(), lines.size() - valgrindLines,
        valgrindLines, 0, summary.files().get(0).pages()), summary.files().get(0));
    assertNull(summary.manifest().importRejects());
  }

  private static boolean onPath(String program) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }
}
