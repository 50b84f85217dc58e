package io.memreplay.ingest.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  @Test
  void linesEndAtLineFeedsWithOrWithoutCarriageReturnAndAtTheEndOfTheStream() throws IOException {
    assertEquals(List.of("1 one", "2 two", "3 ", "4 four", "5 five"), lines("one\ntwo\r\n\r\nfour\nfive", 64));
    assertEquals(List.of("1 one"), lines("one\n", 64));
    assertEquals(List.of(), lines("", 64));
  }

  @Test
  void linesSpanningRefillsOfASmallBufferReadWhole() throws IOException {
    assertEquals(List.of("1 abc", "2 defgh", "3 ij", "4 12345678"), lines("abc\ndefgh\r\nij\n12345678\n", 10));
  }

  @Test
  void aStreamThatDeliversOneByteAtATimeReadsTheSame() throws IOException {
    String text = "I  0023C790,2\r\n S BE80199C,4\n\n M 0025747C,1";
    InputStream trickle = new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    assertEquals(List.of("1 I  0023C790,2", "2  S BE80199C,4", "3 ", "4  M 0025747C,1"), lines(trickle, 16));
  }

  @Test
  void aLineLongerThanTheBufferIsCutOnceAndItsRestSkipped() throws IOException {
    assertEquals(List.of("1 01234567 (overlong)", "2 xy", "3 abcdefgh (overlong)"),
        lines("0123456789abcdefghij\nxy\nabcdefghijklmnopqrstuvwxyz", 8));
  }

  private static List<String> lines(String text, int bufferBytes) throws IOException {
    return lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), bufferBytes);
  }

  /** Each line as its number, a space and its text, marked when overlong. */
  private static List<String> lines(InputStream in, int bufferBytes) throws IOException {
    List<String> lines = new ArrayList<>();
    try (LineReader reader = new LineReader(in, bufferBytes)) {
      while (reader.next()) {
        String text = new String(reader.bytes(), reader.start(), reader.end() - reader.start(), StandardCharsets.UTF_8);
        lines.add(reader.lineNumber() + " " + text + (reader.overlong() ? " (overlong)" : ""));
      }
    }
    return lines;
  }
}
