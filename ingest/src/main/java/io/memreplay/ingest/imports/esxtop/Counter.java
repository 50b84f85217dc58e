package io.memreplay.ingest.imports.esxtop;

import io.memreplay.schemas.trace.DemandColumns;
import java.util.List;
import java.util.Locale;

/**
 * The counters of esxtop's {@code Group Memory(GID:NAME)} object that a VM's demand and observed state are read
 * from, with the names esxtop's batch mode gives them. Names are matched ignoring case, blanks and punctuation.
 * Where esxtop versions or public samples spell a counter more than one way, every spelling is listed; a
 * spelling not listed is given with {@code --counter FIELD=NAME}.
 */
enum Counter {
  /** MEMSZ: the VM's configured memory. Its column makes a group a VM. */
  MEMORY_SIZE("memory_size", "Memory Size MBytes"),
  /** %ACTV: the active-memory estimate, percent of MEMSZ. */
  ACTIVE("active", "% Active Estimate"),
  GRANTED("granted", "Memory Granted Size MBytes", "Granted MBytes"),
  CONSUMED("consumed", "Memory Consumed Size MBytes", "Consumed MBytes"),
  OVERHEAD("overhead", "Overhead MBytes", "Memory Overhead MBytes"),
  BALLOONED("ballooned", "Memctl MBytes", "Memory Ctl MBytes", "MCTL Size MBytes", "Memctl Size MBytes"),
  SWAPPED("swapped", "Swapped MBytes"),
  COMPRESSED("compressed", "Compressed Memory MBytes", "Compressed MBytes"),
  SHARED("shared", "Shared MBytes"),
  SHARED_SAVED("shared_saved", "Shared Saved MBytes"),
  ZERO("zero", "Zero MBytes");

  private final String key;
  private final int observedIndex;
  private final List<String> names;

  Counter(String key, String... names) {
    this.key = key;
    this.observedIndex = DemandColumns.OBSERVED_COLUMNS.indexOf("observed_" + key + "_pages");
    this.names = List.of(names);
  }

  /** The name {@code --counter} takes. */
  String key() {
    return key;
  }

  /**
   * Its place among the observed values of a demand sample (the {@code observed_KEY_pages} column), or -1 when
   * it is not one of them.
   */
  int observedIndex() {
    return observedIndex;
  }

  /** The names esxtop gives it. */
  List<String> names() {
    return names;
  }

  /** The counter {@code --counter} names by {@code key}, or null. */
  static Counter ofKey(String key) {
    for (Counter counter : values()) {
      if (counter.key.equals(key)) {
        return counter;
      }
    }
    return null;
  }

  /** A counter name as matched: lower case, letters and digits only ("% Active Estimate" is "activeestimate"). */
  static String normalized(String name) {
    StringBuilder text = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        text.append(c);
      }
    }
    return text.toString();
  }
}
