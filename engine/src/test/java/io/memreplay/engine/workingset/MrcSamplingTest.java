package io.memreplay.engine.workingset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** How {@code --mrc} is spelled and read back. */
class MrcSamplingTest {

  @ParameterizedTest
  @ValueSource(strings = {"off", "exact", "auto:8192", "auto:100", "shards-rate:0.001", "shards-size:8192"})
  void canonicalSpellingsReadBack(String spec) {
    assertEquals(spec, MrcSampling.parse(spec).toString());
  }

  @Test
  void autoDefaultsTo8192PagesAndOffIsOff() {
    assertEquals(MrcSampling.AUTO, MrcSampling.parse(" AUTO "));
    assertEquals(8_192, MrcSampling.AUTO.pages());
    assertFalse(MrcSampling.parse("off").enabled());
    assertTrue(MrcSampling.parse("exact").enabled());
  }

  @ParameterizedTest
  @ValueSource(strings = {"shards-size:99999999999", "auto:2147483648"})
  void aSampleSizeBeyondWhatMemreplayCountsSaysItsLimit(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MrcSampling.parse(spec));
    assertEquals("'" + spec + "': the sample size is at most 2,147,483,647 pages", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"shards-rate:0", "shards-rate:1.5", "shards-rate:x", "shards-rate", "shards-size:0",
      "shards-size:many", "exact:3", "lru"})
  void mistakesAreRefusedWithTheSpecInTheMessage(String spec) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MrcSampling.parse(spec));
    assertTrue(e.getMessage().contains(spec) || e.getMessage().contains("rate must be") || e.getMessage().contains("at least 1"),
        e.getMessage());
  }
}
