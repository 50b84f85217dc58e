package io.memreplay.ingest.imports.esxtop;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which counter of a {@code Group Memory} column name is which {@link Counter}: esxtop's names, or the user's. */
final class CounterNames {

  private final Map<String, Counter> byName = new HashMap<>();
  private final Map<Counter, List<String>> names = new EnumMap<>(Counter.class);

  /**
   * @param overrides per counter key ({@code ballooned}, ...), the one name it has in the files instead of
   *     esxtop's
   * @throws IllegalArgumentException naming an unknown key
   */
  CounterNames(Map<String, String> overrides) {
    for (Map.Entry<String, String> override : overrides.entrySet()) {
      Counter counter = Counter.ofKey(override.getKey());
      if (counter == null) {
        throw new IllegalArgumentException("unknown counter '" + override.getKey() + "'; known: " + keys());
      }
      names.put(counter, List.of(override.getValue()));
    }
    for (Counter counter : Counter.values()) {
      for (String name : names.computeIfAbsent(counter, Counter::names)) {
        byName.put(Counter.normalized(name), counter);
      }
    }
  }

  /** The counter a column's counter name is, or null for one memreplay does not read. */
  Counter of(String counterName) {
    return byName.get(Counter.normalized(counterName));
  }

  /** The names looked for, for messages. */
  List<String> namesOf(Counter counter) {
    return names.get(counter);
  }

  static String keys() {
    return String.join(", ", EsxtopOptions.COUNTER_KEYS);
  }
}
