package io.memreplay.schemas.trace;

/** Memory demand samples ({@code demand} table) in columns. */
public final class DemandColumns extends Columns {

  public final long[] periodNs = longs("period_ns");
  public final long[] activePages = longs("active_pages");
  /** Pages touched since power-on, or {@link Columns#NULL} when unknown. */
  public final long[] touchedPages = longs("touched_pages");

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
