package io.memreplay.schemas.trace;

import io.memreplay.schemas.avro.MemoryDemand;
import java.util.List;
import org.apache.avro.Schema;

/** Memory demand samples ({@code demand} table) in columns. */
public final class DemandColumns extends Columns {

  public final long[] periodNs = longs("period_ns");
  public final long[] activePages = longs("active_pages");
  /** Pages touched since power-on, or {@link Columns#NULL} when unknown. */
  public final long[] touchedPages = longs("touched_pages");
  /**
   * The columns of what the recorded host did (granted, consumed, ... pages), in schema order: every column named
   * {@code observed_*_pages}.
   */
  public static final List<String> OBSERVED_COLUMNS = MemoryDemand.getClassSchema().getFields().stream()
      .map(Schema.Field::name).filter(name -> name.startsWith("observed_") && name.endsWith("_pages")).toList();

  /**
   * What the recorded host did at each sample, one array per {@link #OBSERVED_COLUMNS} column, or {@link
   * Columns#NULL} when not recorded: see the schema.
   */
  public final long[][] observedPages = OBSERVED_COLUMNS.stream().map(this::longs).toArray(long[][]::new);

  public DemandColumns(int capacity) {
    super(RecordKind.DEMAND, capacity);
  }

  @Override
  protected String problem(int row) {
    if (periodNs[row] <= 0) {
      return "period_ns must be positive, was " + periodNs[row];
    }
    if (activePages[row] < 0) {
      return "active_pages must not be negative, was " + activePages[row];
    }
    if (touchedPages[row] != NULL && touchedPages[row] < activePages[row]) {
      return "touched_pages (" + touchedPages[row] + ") is below active_pages (" + activePages[row] + ")";
    }
    return null;
  }
}
