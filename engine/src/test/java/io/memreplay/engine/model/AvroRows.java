package io.memreplay.engine.model;

import io.memreplay.engine.config.VmSpec;
import io.memreplay.schemas.avro.HostInterval;
import io.memreplay.schemas.avro.MrcPoint;
import io.memreplay.schemas.avro.Run;
import io.memreplay.schemas.avro.TranslationInterval;
import io.memreplay.schemas.avro.VmInterval;
import io.memreplay.schemas.avro.WorkingSet;
import io.memreplay.schemas.results.RecordMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;

/**
 * Engine rows as the stored records they become, for tests that check values by the schema's getters: the
 * same name-by-name mapping the results sinks use ({@link RecordMapper}).
 */
public final class AvroRows {

  private static final Map<Table, Supplier<SpecificRecord>> RECORDS = Map.of(
      Table.RUNS, Run::new,
      Table.VM_INTERVALS, VmInterval::new,
      Table.HOST_INTERVALS, HostInterval::new,
      Table.TRANSLATION, TranslationInterval::new,
      Table.WORKING_SETS, WorkingSet::new,
      Table.MRC, MrcPoint::new);
  private static final Map<RowLayout, RecordMapper<SpecificRecord>> MAPPERS = new ConcurrentHashMap<>();

  private AvroRows() {}

  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> T record(Row row) {
    RecordMapper<SpecificRecord> mapper = MAPPERS.computeIfAbsent(row.layout(),
        layout -> new RecordMapper<>(RECORDS.get(layout.table()), layout.names()));
    return (T) mapper.record(row::get);
  }

  /** A context of one run ("run", "policy", "host") over {@code vms}, each with its own page index, from time 0. */
  public static ModelContext context(List<VmSpec> vms) {
    VmPages[] pages = new VmPages[vms.size()];
    for (int i = 0; i < pages.length; i++) {
      pages[i] = new VmPages();
    }
    return new ModelContext("run", "policy", "host", vms, pages, new Tables(), 0);
  }
}
