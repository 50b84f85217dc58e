package io.memreplay.schemas.trace;

/** Memory demand samples ({@code demand} table) in columns. */
public final class DemandColumns extends Columns {

  public final long[] periodNs = longs("period_ns");
  public final long[] activePages = longs("active_pages");
  /** Pages touched since power-on, or {@link Columns#NULL} when unknown. */
  public final long[] touchedPages = longs("touched_pages");
  /** What the recorded host did at each sample, or {@link Columns#NULL} when not recorded: see the schema. */
  public final long[] observedGrantedPages = longs("observed_granted_pages");
  public final long[] observedConsumedPages = longs("observed_consumed_pages");
  public final long[] observedOverheadPages = longs("observed_overhead_pages");
  public final long[] observedBalloonedPages = longs("observed_ballooned_pages");
  public final long[] observedSwappedPages = longs("observed_swapped_pages");
  public final long[] observedCompressedPages = longs("observed_compressed_pages");
  public final long[] observedSharedPages = longs("observed_shared_pages");
  public final long[] observedSharedSavedPages = longs("observed_shared_saved_pages");
  public final long[] observedZeroPages = longs("observed_zero_pages");

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
