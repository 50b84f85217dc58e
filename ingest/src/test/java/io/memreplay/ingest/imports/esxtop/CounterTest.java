package io.memreplay.ingest.imports.esxtop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.schemas.trace.DemandColumns;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CounterTest {

  @Test
  void everyObservedColumnOfTheDemandTableIsReadFromOneCounterInItsPlace() {
    assertEquals(9, DemandColumns.OBSERVED_COLUMNS.size(), DemandColumns.OBSERVED_COLUMNS.toString());
    for (int i = 0; i < DemandColumns.OBSERVED_COLUMNS.size(); i++) {
      int place = i;
      assertEquals(1, Arrays.stream(Counter.values()).filter(counter -> counter.observedIndex() == place).count(),
          DemandColumns.OBSERVED_COLUMNS.get(i));
    }
    assertEquals(-1, Counter.MEMORY_SIZE.observedIndex());
    assertEquals(-1, Counter.ACTIVE.observedIndex());
  }
}
