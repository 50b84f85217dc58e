package io.memreplay.schemas.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code manifest.json}: what a trace dataset holds. Written last by {@link TraceDatasetWriter}, so a
 * folder without a manifest is an unfinished or foreign folder, never a trace.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion layout version; readers refuse versions they do not know
 * @param traceId a name for the trace, chosen by its producer
 * @param timeUnit always "ns": every ts_ns column counts nanoseconds
 * @param nominalTime true when timestamps were invented (one nominal step per access), not recorded
 * @param host the host whose VMs the trace recorded
 * @param vms the VMs, by id
 * @param tables per record kind (table name), its event count and files in time order
 * @param startNs first ts_ns of any event
 * @param endNs last ts_ns of any event
 * @param digest "sha256:" and the hex SHA-256 of every data file's table, name and bytes, in manifest order
 *     ({@link TraceDigests})
 * @param createdBy the program and command that wrote the dataset
 * @param importRejects input lines an importer could not turn into records, when it rejected any; absent
 *     (null) otherwise and in manifests written before importers existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceManifest(
    String format,
    int formatVersion,
    String traceId,
    String timeUnit,
    boolean nominalTime,
    String host,
    List<Vm> vms,
    Map<String, Table> tables,
    long startNs,
    long endNs,
    String digest,
    String createdBy,
    ImportRejects importRejects) {

  public static final String FILE_NAME = "manifest.json";
  public static final String FORMAT = "memreplay-trace";
  public static final int FORMAT_VERSION = 1;
  public static final String TIME_UNIT = "ns";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** A VM of the trace: the id its records carry, and a name for people. */
  public record Vm(int id, String name) {}

  /**
   * What an importer rejected: how many input lines, and the Parquet file of {@code
   * io.memreplay.schemas.avro.Reject} rows, relative to the trace folder, that holds them. They are not
   * trace data: neither the tables nor the digest include them.
   */
  public record ImportRejects(long count, String file) {}

  /** One record kind: its event count and its files, in time order. */
  public record Table(long events, List<FileEntry> files) {}

  /**
   * One Parquet file of a table, with its row count, size, time range and content digest.
   *
   * @param sha256 "sha256:" and the hex SHA-256 of the file's bytes, so that a check can name the file that
   *     changed; null in manifests written before memreplay recorded it
   */
  public record FileEntry(String name, long events, long bytes, long firstTsNs, long lastTsNs, String sha256) {}

  public long events(RecordKind kind) {
    Table table = tables.get(kind.table());
    return table == null ? 0 : table.events();
  }

  public List<FileEntry> files(RecordKind kind) {
    Table table = tables.get(kind.table());
    return table == null ? List.of() : table.files();
  }

  public long totalEvents() {
    long total = 0;
    for (RecordKind kind : RecordKind.values()) {
      total += events(kind);
    }
    return total;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Parses and checks a manifest.
   *
   * @param source names the file in messages
   */
  public static TraceManifest parse(String json, String source) throws TraceFormatException {
    TraceManifest manifest;
    try {
      manifest = JSON.readValue(json, TraceManifest.class);
    } catch (JsonProcessingException e) {
      throw new TraceFormatException(source + ": not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
    }
    if (manifest == null) {
      throw new TraceFormatException(source + ": empty");
    }
    manifest.check(source);
    return manifest;
  }

  private void check(String source) throws TraceFormatException {
    if (!FORMAT.equals(format)) {
      throw new TraceFormatException(source + ": format is " + quote(format) + ", expected \"" + FORMAT + "\"");
    }
    if (formatVersion != FORMAT_VERSION) {
      throw new TraceFormatException(source + ": format_version " + formatVersion
          + " is not supported; this memreplay reads version " + FORMAT_VERSION);
    }
    require(source, traceId, "trace_id");
    require(source, host, "host");
    if (!TIME_UNIT.equals(timeUnit)) {
      throw new TraceFormatException(source + ": time_unit is " + quote(timeUnit) + ", expected \"ns\"");
    }
    if (vms == null || vms.isEmpty()) {
      throw new TraceFormatException(source + ": vms is missing or empty");
    }
    Set<Integer> ids = new HashSet<>();
    for (Vm vm : vms) {
      if (!ids.add(vm.id())) {
        throw new TraceFormatException(source + ": vm id " + vm.id() + " is listed twice");
      }
      if (vm.id() < 0 || vm.id() > RecordScreen.MAX_VM_ID) {
        throw new TraceFormatException(source + ": vm id " + vm.id() + " is outside [0, " + RecordScreen.MAX_VM_ID + "]");
      }
    }
    if (startNs > endNs) {
      throw new TraceFormatException(source + ": start_ns " + startNs + " is after end_ns " + endNs);
    }
    if (tables == null) {
      throw new TraceFormatException(source + ": tables is missing");
    }
    if (importRejects != null && (importRejects.count() < 0 || importRejects.file() == null
        || importRejects.file().startsWith("/") || importRejects.file().contains(".."))) {
      throw new TraceFormatException(source + ": import_rejects needs a count of at least 0 and a file inside the"
          + " trace folder");
    }
    for (Map.Entry<String, Table> entry : tables.entrySet()) {
      try {
        RecordKind.ofTable(entry.getKey());
      } catch (IllegalArgumentException e) {
        throw new TraceFormatException(source + ": unknown table '" + entry.getKey() + "' (known: accesses, pagetable, contents, demand)");
      }
      checkFiles(source, entry.getKey(), entry.getValue());
    }
  }

  /**
   * A table's files: each named once, inside the manifest's span, and in time order without overlap, since
   * the table is sorted by ts_ns across its files (consecutive files may share the boundary instant).
   */
  private void checkFiles(String source, String table, Table entry) throws TraceFormatException {
    String where = source + ": table " + table;
    Set<String> names = new HashSet<>();
    FileEntry previous = null;
    long sum = 0;
    for (FileEntry file : entry.files() == null ? List.<FileEntry>of() : entry.files()) {
      if (file.name() == null || file.name().contains("/") || file.name().contains("\\") || file.name().startsWith(".")) {
        throw new TraceFormatException(where + " lists a bad file name " + quote(file.name()));
      }
      if (!names.add(file.name())) {
        throw new TraceFormatException(where + " lists " + file.name() + " twice; each file may be listed once");
      }
      if (file.events() < 0 || file.bytes() < 0) {
        throw new TraceFormatException(where + ": " + file.name() + " has a negative events or bytes count");
      }
      if (file.events() > 0) {
        if (file.firstTsNs() > file.lastTsNs() || file.firstTsNs() < startNs || file.lastTsNs() > endNs) {
          throw new TraceFormatException(where + ": " + file.name() + " spans ts_ns " + file.firstTsNs() + " to "
              + file.lastTsNs() + ", which is not a span within the trace's start_ns " + startNs + " and end_ns " + endNs);
        }
        if (previous != null && file.firstTsNs() < previous.lastTsNs()) {
          throw new TraceFormatException(where + ": " + file.name() + " starts at ts_ns " + file.firstTsNs()
              + ", before " + previous.name() + " ends (" + previous.lastTsNs() + "); the files of a table must follow "
              + "each other in time without overlapping");
        }
        previous = file;
      }
      sum = sum + file.events() < sum ? Long.MAX_VALUE : sum + file.events();
    }
    if (sum != entry.events()) {
      throw new TraceFormatException(where + " says " + entry.events() + " events but its files hold " + sum);
    }
  }

  private static void require(String source, String value, String field) throws TraceFormatException {
    if (value == null || value.isBlank()) {
      throw new TraceFormatException(source + ": " + field + " is missing");
    }
  }

  private static String quote(String value) {
    return value == null ? "missing" : "\"" + value + "\"";
  }

  /** Collects tables in {@link RecordKind} order for a new manifest. */
  static Map<String, Table> tablesOf(Map<RecordKind, List<FileEntry>> files) {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (RecordKind kind : RecordKind.values()) {
      List<FileEntry> entries = files.getOrDefault(kind, List.of());
      long events = 0;
      for (FileEntry entry : entries) {
        events += entry.events();
      }
      tables.put(kind.table(), new Table(events, new ArrayList<>(entries)));
    }
    return tables;
  }
}
