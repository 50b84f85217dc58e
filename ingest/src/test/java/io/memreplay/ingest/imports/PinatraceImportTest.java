package io.memreplay.ingest.imports;

import static io.memreplay.ingest.imports.Imports.access;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.schemas.avro.AccessOp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinatraceImportTest {

  @TempDir
  Path dir;

  @Test
  void readsAndWritesOfEightBytesAreImportedAndCommentsSkippedAndMalformedLinesRejected() throws Exception {
    Path trace = Imports.write(dir, "pinatrace.out",
        "# pinatrace of a hand-written program",
        "0x401000: W 0x7ffd5a3c1e08",
        "0x401004: R 0x601040",
        "0x401008: R 0x601ff9",
        "0x40100c: X 0x601040",
        "0x401010: R 601040",
        "0x401014 R 0x601040",
        "0x401018: W 0x",
        "garbage",
        "",
        "0x40101c: W 0x601048",
        "#eof");
    Path out = dir.resolve("trace");
    ImportSummary summary = Imports.run(out, TraceFormat.PIN, trace);

    assertEquals(List.of(
        access(0, 0, 0, AccessOp.WRITE, 0x7ffd5a3c1e08L, 8),
        access(1, 0, 0, AccessOp.READ, 0x601040, 8),
        access(2, 0, 0, AccessOp.READ, 0x601ff9, 8),
        access(3, 0, 0, AccessOp.WRITE, 0x601048, 8)), Imports.accesses(out));
    String source = trace.toString();
    assertEquals(List.of(
        source + ":5: expected an op (R, W), found 'X' [0x40100c: X 0x601040]",
        source + ":6: expected the address as 0x and hex digits, found '6' [0x401010: R 601040]",
        source + ":7: expected ':' after the instruction address, found ' ' [0x401014 R 0x601040]",
        source + ":8: expected the address in hex, found the end of the line [0x401018: W 0x]",
        source + ":9: expected the instruction address as 0x and hex digits, found 'g' [garbage]"),
        Imports.rejects(out).stream().map(Imports::describe).toList());
    assertEquals(new ImportSummary.FileSummary(source, 0, 0, 12, 4, 3, 5, 3), summary.files().get(0),
        "pages 0x7ffd5a3c1 and 0x601, and 0x602 for the 8 bytes at 0x601ff9");
  }
}
