package io.memreplay.ingest.imports.demand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSV column holds what, and in which unit: the {@code --map} option, e.g. {@code
 * ts=Timestamp,vm=VM,active_kb=Active (KB)}. Keys are a field and a unit joined by {@code _}:
 *
 * <ul>
 *   <li>{@code ts} (ISO 8601 text) or {@code ts_s}, {@code ts_ms}, {@code ts_us}, {@code ts_ns} (epoch
 *       numbers): when the sample was taken, the end of its period; required
 *   <li>{@code vm}: the VM's name; required
 *   <li>{@code active_<unit>}: memory actively used in the period; required
 *   <li>{@code touched_<unit>}: memory touched since power-on (e.g. vCenter's consumed); optional
 *   <li>{@code configured_<unit>}: the VM's configured memory; optional, sizes the VM and resolves {@code pct}
 *   <li>{@code period_s}, {@code period_ms}, ...: length of the sampling period; optional
 * </ul>
 *
 * Memory units are {@code pages}, {@code bytes}, {@code kb}, {@code mb}, {@code gb}, {@code tb} and {@code
 * pct} (of the configured memory; not for {@code configured}). A column name with a comma or an equals sign
 * is written in double quotes ({@code active_kb="Active, KB"}).
 */
record ColumnMap(Column ts, TimeUnit tsUnit, Column vm, Column active, MemoryUnit activeUnit, Column touched,
    MemoryUnit touchedUnit, Column configured, MemoryUnit configuredUnit, Column period, TimeUnit periodUnit,
    String text) {

  /** A column of the CSV file, by its header name. */
  record Column(String name) {
    /** The name quoted as a DuckDB identifier. */
    String sql() {
      return '"' + name.replace("\"", "\"\"") + '"';
    }
  }

  /** Reads {@code --map}; the message of the exception says what is wrong with it. */
  static ColumnMap parse(String text) {
    Map<String, String> pairs = pairs(text);
    Column ts = null;
    TimeUnit tsUnit = null;
    Column vm = null;
    Column active = null;
    MemoryUnit activeUnit = null;
    Column touched = null;
    MemoryUnit touchedUnit = null;
    Column configured = null;
    MemoryUnit configuredUnit = null;
    Column period = null;
    TimeUnit periodUnit = null;
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      String key = pair.getKey();
      Column column = new Column(pair.getValue());
      int underscore = key.indexOf('_');
      String field = underscore < 0 ? key : key.substring(0, underscore);
      String unit = underscore < 0 ? "" : key.substring(underscore + 1);
      switch (field) {
        case "ts" -> {
          ts = once(ts, key, column);
          tsUnit = timeUnit(key, unit);
        }
        case "vm" -> {
          require(unit.isEmpty(), "'" + key + "': the VM column has no unit; write vm=COLUMN");
          vm = once(vm, key, column);
        }
        case "active" -> {
          active = once(active, key, column);
          activeUnit = memoryUnit(key, unit);
        }
        case "touched" -> {
          touched = once(touched, key, column);
          touchedUnit = memoryUnit(key, unit);
        }
        case "configured" -> {
          configured = once(configured, key, column);
          configuredUnit = memoryUnit(key, unit);
          require(configuredUnit != MemoryUnit.PCT, "'" + key + "': the configured memory cannot be a percentage");
        }
        case "period" -> {
          period = once(period, key, column);
          periodUnit = timeUnit(key, unit);
          require(periodUnit != TimeUnit.ISO, "'" + key + "': give the period's unit, e.g. period_s=COLUMN");
        }
        default -> throw new IllegalArgumentException("unknown key '" + key + "'; known: ts, ts_s, ts_ms, ts_us, ts_ns,"
            + " vm, active_<unit>, touched_<unit>, configured_<unit>, period_<s|ms|us|ns>");
      }
    }
    require(ts != null, "no timestamp column: add ts=COLUMN (ISO text) or ts_s=, ts_ms=, ts_us=, ts_ns= (epoch)");
    require(vm != null, "no VM column: add vm=COLUMN");
    require(active != null, "no active-memory column: add active_<unit>=COLUMN, e.g. active_mb=COLUMN");
    return new ColumnMap(ts, tsUnit, vm, active, activeUnit, touched, touchedUnit, configured, configuredUnit,
        period, periodUnit, text);
  }

  /** The mapped columns, each once, in the order ts, vm, active, touched, configured, period. */
  List<Column> columns() {
    List<Column> columns = new ArrayList<>();
    for (Column column : new Column[] {ts, vm, active, touched, configured, period}) {
      if (column != null && !columns.contains(column)) {
        columns.add(column);
      }
    }
    return columns;
  }

  /** Whether a memory value needs the VM's configured size to become pages. */
  boolean needsConfigured() {
    return activeUnit == MemoryUnit.PCT || touchedUnit == MemoryUnit.PCT;
  }

  private static Map<String, String> pairs(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int equals = text.indexOf('=', i);
      require(equals > i, "expected KEY=COLUMN at '" + text.substring(i) + "'");
      String key = text.substring(i, equals).trim();
      i = equals + 1;
      StringBuilder column = new StringBuilder();
      if (i < n && text.charAt(i) == '"') {
        int close = text.indexOf('"', i + 1);
        require(close > 0, "the quoted column name after '" + key + "=' has no closing quote");
        column.append(text, i + 1, close);
        i = close + 1;
        require(i == n || text.charAt(i) == ',', "expected ',' after the quoted column name of '" + key + "'");
      } else {
        int comma = text.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        column.append(text, i, end);
        i = end;
      }
      require(!column.toString().isBlank(), "'" + key + "=' names no column");
      require(pairs.put(key, column.toString()) == null, "'" + key + "' is given twice");
      i++;
    }
    require(!pairs.isEmpty(), "it is empty; e.g. --map ts=Timestamp,vm=VM,active_mb=Active");
    return pairs;
  }

  private static Column once(Column existing, String key, Column column) {
    require(existing == null, "'" + key + "': that field is mapped twice");
    return column;
  }

  private static TimeUnit timeUnit(String key, String label) {
    TimeUnit unit = TimeUnit.ofLabel(label);
    require(unit != null, "'" + key + "': unknown time unit '" + label + "'; use s, ms, us or ns (or none: ISO text)");
    return unit;
  }

  private static MemoryUnit memoryUnit(String key, String label) {
    MemoryUnit unit = MemoryUnit.ofLabel(label);
    require(unit != null, "'" + key + "': " + (label.isEmpty() ? "no unit" : "unknown unit '" + label + "'")
        + "; use pages, bytes, kb, mb, gb, tb or pct, e.g. " + key.split("_")[0] + "_mb=COLUMN");
    return unit;
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException(problem);
    }
  }
}
