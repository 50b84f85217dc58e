package io.memreplay.ingest.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.memreplay.schemas.trace.RecordScreen;
import io.memreplay.schemas.trace.TraceBatch;
import io.memreplay.schemas.trace.TraceDataset;
import io.memreplay.schemas.trace.TraceManifest;
import io.memreplay.schemas.trace.TraceReader;
import java.io.IOException;
import java.util.List;

/**
 * What a trace holds, for {@code memreplay inspect}: events of each kind, rows that cannot be used, the
 * time span, and per VM its accesses by op and the distinct 4 KB and 2 MB pages it touched. Counted
 * from the data as a replay would read it, so rejected rows are counted apart and not in the events.
 *
 * @param digest the manifest's digest of the trace's content
 * @param verification how far the files were checked against the manifest: full (every byte matches the
 *     digests), cheap (sizes, row counts and footers) or trusted (not at all)
 * @param firstRejects the first {@value StatisticsCollector#REJECTS_SHOWN} rejected rows, in reading order
 * @param importRejects the input lines the importer that wrote the trace rejected, from the manifest; null
 *     (and left out of the JSON) for traces not imported or imported without rejects
 * @param startNs first event time, 0 when there are no events
 * @param endNs last event time, 0 when there are no events
 * @param vms the VMs of the manifest, in its order
 */
@JsonPropertyOrder(
    {"trace_id", "host", "digest", "verification", "events", "rejected", "first_rejects", "import_rejects", "start_ns", "end_ns", "duration_ns",
        "vms"})
public record TraceStatistics(String traceId, String host, String digest, String verification, EventCounts events, long rejected,
    List<RejectSample> firstRejects,
    @JsonInclude(JsonInclude.Include.NON_NULL) TraceManifest.ImportRejects importRejects, long startNs, long endNs,
    List<VmStatistics> vms) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** Events delivered, by record kind. */
  @JsonPropertyOrder({"accesses", "pagetable", "contents", "demand"})
  public record EventCounts(long accesses, long pagetable, long contents, long demand) {}

  /** A row that could not be used: its file relative to the trace folder, its row from 0, and why. */
  public record RejectSample(String source, long row, String reason) {}

  /** One VM's accesses and the distinct pages they touched. */
  @JsonPropertyOrder({"vm", "name", "accesses", "reads", "writes", "execs", "distinct_pages_4k", "distinct_pages_2m"})
  public record VmStatistics(int vm, String name, long accesses, long reads, long writes, long execs,
      @JsonProperty("distinct_pages_4k") long distinctPages4k,
      @JsonProperty("distinct_pages_2m") long distinctPages2m) {}

  /**
   * Reads the whole of {@code dataset} and tallies it. Rows of VMs the manifest does not list, and rows
   * outside its span, are rejected.
   */
  public static TraceStatistics of(TraceDataset dataset) throws IOException {
    TraceManifest manifest = dataset.manifest();
    StatisticsCollector collector = new StatisticsCollector(manifest.vms());
    // without a scenario, any vCPU and any demand size of a listed VM is as the trace says
    List<RecordScreen.Vm> vms = manifest.vms().stream()
        .map(vm -> new RecordScreen.Vm(vm.id(), Integer.MAX_VALUE, Long.MAX_VALUE)).toList();
    TraceReader.Options options = new TraceReader.Options()
        .screen(RecordScreen.of(vms, "vm is not listed in " + TraceManifest.FILE_NAME))
        .rejects(collector::reject);
    try (TraceReader reader = dataset.reader(options)) {
      TraceBatch batch = new TraceBatch();
      while (reader.next(batch)) {
        collector.add(batch);
      }
    }
    return collector.result(manifest, dataset.verification().label());
  }

  @JsonProperty("duration_ns")
  public long durationNs() {
    return endNs - startNs;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
