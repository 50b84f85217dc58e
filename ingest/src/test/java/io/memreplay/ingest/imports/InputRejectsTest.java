package io.memreplay.ingest.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.schemas.avro.Reject;
import org.junit.jupiter.api.Test;

class InputRejectsTest {

  @Test
  void aRejectIsMarkedAsAnImportsAndKeepsTheStartOfItsRecord() {
    Reject reject = InputRejects.of("in.csv", 7, InputRejects.LINE, null, "why", "x".repeat(500));
    assertEquals("import", reject.getReplayId());
    assertEquals("in.csv", reject.getSource().toString());
    assertEquals(7, reject.getPosition());
    assertEquals("line", reject.getKind().toString());
    assertEquals(null, reject.getVm());
    assertEquals("x".repeat(200), reject.getRecord().toString());
    assertEquals("", InputRejects.of("in.csv", 8, "region", 3, "why", null).getRecord().toString());
  }
}
