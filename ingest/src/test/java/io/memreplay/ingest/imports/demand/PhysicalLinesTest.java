package io.memreplay.ingest.imports.demand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Blank lines, and the line number of the n-th non-blank line, as an editor numbers lines. */
class PhysicalLinesTest {

  @Test
  void blankLinesPushTheNonBlankOnesDown() throws IOException {
    // lines: 1 blank, 2 blank (a lone \r), 3 "A", 4 blank, 5 "B", 6 "C" without a line break
    PhysicalLines lines = scan("\n\r\nA\n\nB\r\nC");
    assertEquals(3, lines.nonBlankLines());
    assertEquals(3, lines.lineOfNonBlank(1));
    assertEquals(5, lines.lineOfNonBlank(2));
    assertEquals(6, lines.lineOfNonBlank(3));
    assertTrue(lines.isBlank(1));
    assertTrue(lines.isBlank(2));
    assertFalse(lines.isBlank(3));
    assertTrue(lines.isBlank(4));
  }

  @Test
  void aLineTheFileDoesNotHaveIsMinusOne() throws IOException {
    PhysicalLines lines = scan("header\n\n\nx\n\n");
    assertEquals(2, lines.nonBlankLines());
    assertEquals(1, lines.lineOfNonBlank(1));
    assertEquals(4, lines.lineOfNonBlank(2));
    assertEquals(-1, lines.lineOfNonBlank(3));
    assertEquals(-1, lines.lineOfNonBlank(0));
    assertEquals(-1, scan("").lineOfNonBlank(1));
    assertEquals(-1, scan("\n\n").lineOfNonBlank(1));
  }

  @Test
  void linesOverTheLimitAreFoundWithTheirLengthInBytes() throws IOException {
    // lines: 1 "ok", 2 of 6 bytes, 3 "ok", 4 of 7 bytes ("é" is two) without a line break
    PhysicalLines lines = PhysicalLines.scan(new ByteArrayInputStream(
        "ok\n123456\nok\n12345é".getBytes(StandardCharsets.UTF_8)), 5);
    assertEquals(0, lines.overlongBytes(1, 1));
    assertEquals(6, lines.overlongBytes(2, 2));
    assertEquals(6, lines.overlongBytes(1, 3), "a record over lines 1 to 3 has one");
    assertEquals(0, lines.overlongBytes(3, 3));
    assertEquals(7, lines.overlongBytes(3, 4));
  }

  private static PhysicalLines scan(String text) throws IOException {
    return PhysicalLines.scan(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1000);
  }
}
