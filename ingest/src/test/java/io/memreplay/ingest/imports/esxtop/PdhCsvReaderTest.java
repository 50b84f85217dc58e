package io.memreplay.ingest.imports.esxtop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PdhCsvReaderTest {

  /** Every record: its line, whether it ended with a line break, and its fields. */
  private static List<String> records(String text) throws IOException {
    List<String> records = new ArrayList<>();
    try (PdhCsvReader reader = new PdhCsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
      while (reader.next()) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < reader.fields(); i++) {
          fields.add(reader.text(i) + (reader.blank(i) ? "(blank)" : ""));
        }
        records.add(reader.line() + (reader.complete() ? " " : " cut ") + fields);
      }
    }
    return records;
  }

  @Test
  void quotedFieldsKeepCommasBackslashesAndDoubledQuotes() throws IOException {
    assertEquals(List.of("1 [(PDH-CSV 4.0) (UTC)(0), \\\\esx 01\\Group Memory(7:a, \"b\" (c))\\Touched MBytes]",
        "2 [03/01/2024 10:00:05, 12.00]"),
        records("\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\esx 01\\Group Memory(7:a, \"\"b\"\" (c))\\Touched MBytes\"\r\n"
            + "\"03/01/2024 10:00:05\",\"12.00\"\r\n"));
  }

  @Test
  void emptyAndBlankFieldsAreBlankAndUnquotedFieldsRead() throws IOException {
    assertEquals(List.of("1 [a, (blank),  (blank), 3.5]"), records("a,\"\",\" \",3.5\n"));
  }

  @Test
  void blankLinesAreSkippedAndLineNumbersCountThem() throws IOException {
    assertEquals(List.of("1 [x]", "4 [y]"), records("\"x\"\n\r\n\n\"y\"\n"));
  }

  @Test
  void aLineBreakInsideQuotesStaysInTheFieldAndTheNextRecordStartsOnItsLine() throws IOException {
    assertEquals(List.of("1 [a\nb, c]", "3 [d]"), records("\"a\nb\",\"c\"\n\"d\"\n"));
  }

  @Test
  void aRecordTheStreamCutsShortIsDeliveredAsNotComplete() throws IOException {
    assertEquals(List.of("1 [x, y]", "2 cut [03/01/2024, 1]"), records("\"x\",\"y\"\n\"03/01/2024\",\"1"));
  }

  @Test
  void aRecordLongerThanTheReadBufferIsReadWhole() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      text.append(i == 0 ? "" : ",").append('"').append(i).append('"');
    }
    InputStream in = new ByteArrayInputStream((text + "\n").getBytes(StandardCharsets.US_ASCII));
    try (PdhCsvReader reader = new PdhCsvReader(in)) {
      assertTrue(reader.next());
      assertEquals(50_000, reader.fields());
      assertEquals("49999", reader.text(49_999));
      assertTrue(reader.startsWith(0, "0"));
      assertFalse(reader.next());
    }
  }
}
