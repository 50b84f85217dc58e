package io.memreplay.engine.workingset;

import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.DemandSample;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;
import java.io.IOException;

/**
 * Exact working sets of every VM ({@link WorkingSetTracker}): the distinct pages of each output interval
 * ({@code vm_intervals.working_set_pages}) and Denning's W(t, tau) at each interval end for every window tau
 * ({@code working_sets}), in 4 KB pages, 2 MB regions of the addresses the trace records ({@link
 * Accesses#traceRegion}), and 2 MB guest-physical regions as placed ({@link Accesses#region}: where the
 * trace records no gpa, where the translation policy's guest allocator model put the pages). Other models
 * read when a page was last touched through {@link #lastTouch}.
 */
public final class WorkingSetModel implements Model {

  private final ModelContext context;
  private final WorkingSetTracker[] trackers;
  /** The placed regions, counted as the pages of a tracker of their own (its region counts are not kept). */
  private final WorkingSetTracker[] placedRegions;
  private final long[] windowsNs;
  private final long[] windowPages;
  private final long[] windowRegions;
  private final long[] windowPlaced;
  private final int intervalPagesColumn;
  private final int tColumn;
  private final int tauColumn;
  private final int pagesColumn;
  private final int largePagesColumn;
  private final int placedLargePagesColumn;
  /** What {@link #accesses} read ahead; kept so that the reads are not optimised away. */
  private long warmed;

  /**
   * @param stepNs the length of a working-set step: divides the output interval and every window
   * @param longestNs the longest window or output interval
   * @param windowsNs the windows tau of W(t, tau), ascending
   */
  public WorkingSetModel(ModelContext context, long stepNs, long longestNs, long[] windowsNs) {
    this.context = context;
    this.trackers = new WorkingSetTracker[context.vmCount()];
    this.placedRegions = new WorkingSetTracker[context.vmCount()];
    for (int slot = 0; slot < trackers.length; slot++) {
      trackers[slot] = new WorkingSetTracker(context.startNs(), stepNs, longestNs);
      placedRegions[slot] = new WorkingSetTracker(context.startNs(), stepNs, longestNs);
    }
    this.windowsNs = windowsNs.clone();
    this.windowPages = new long[windowsNs.length];
    this.windowRegions = new long[windowsNs.length];
    this.windowPlaced = new long[windowsNs.length];
    this.intervalPagesColumn = context.layout(Table.VM_INTERVALS).column("working_set_pages");
    RowLayout windows = context.layout(Table.WORKING_SETS);
    this.tColumn = windows.column("t_ns");
    this.tauColumn = windows.column("tau_ns");
    this.pagesColumn = windows.column("working_set_pages");
    this.largePagesColumn = windows.column("working_set_large_pages");
    this.placedLargePagesColumn = windows.column("working_set_placed_large_pages");
  }

  /** When the pages of the VM in slot {@code slot} were last touched. */
  public LastTouch lastTouch(int slot) {
    return trackers[slot];
  }

  @Override
  public void accesses(Accesses accesses) {
    if (accesses.readAhead) {
      // each page's last touch, read ahead: the stretch's cache misses overlap here, not one by one below
      long warm = 0;
      for (int k = 0; k < accesses.size(); k++) {
        warm += trackers[accesses.slot[k]].stepOf(accesses.page[k]);
      }
      warmed += warm;
    }
    long[] ts = accesses.columns.tsNs;
    long offset = accesses.timeOffsetNs;
    // the access before, when it touched one page: programs touch the same page again and again
    int lastSlot = -1;
    int lastPage = -1;
    int lastTraceRegion = -1;
    for (int i = accesses.from, k = 0; i < accesses.to; i++, k++) {
      int slot = accesses.slot[k];
      int page = accesses.page[k];
      int traceRegion = accesses.traceRegion[k];
      long at = ts[i] + offset;
      WorkingSetTracker tracker = trackers[slot];
      boolean onePage = accesses.nextPage[k] == Accesses.NO_PAGE;
      if (onePage && page == lastPage && slot == lastSlot && traceRegion == lastTraceRegion && tracker.inStep(at)) {
        // the page, its region and its trace region were touched in this step already: nothing changes
        continue;
      }
      WorkingSetTracker placed = placedRegions[slot];
      tracker.touch(page, traceRegion, at);
      placed.touchPage(accesses.region[k], at);
      if (!onePage) {
        tracker.touch(accesses.nextPage[k], accesses.nextTraceRegion[k], at);
        placed.touchPage(accesses.nextRegion[k], at);
      }
      lastSlot = onePage ? slot : -1;
      lastPage = page;
      lastTraceRegion = traceRegion;
    }
  }

  @Override
  public void demand(DemandSample sample) {
    WorkingSetTracker tracker = trackers[sample.slot];
    WorkingSetTracker placed = placedRegions[sample.slot];
    for (int i = 0; i < sample.active; i++) {
      tracker.touch(sample.activePages[i], sample.activeRegions[i], sample.tsNs);
      placed.touchPage(sample.activeRegions[i], sample.tsNs);
    }
  }

  @Override
  public void closeInterval(IntervalEnd end) throws IOException {
    long t = end.endNs();
    for (int slot = 0; slot < trackers.length; slot++) {
      WorkingSetTracker tracker = trackers[slot];
      end.vmRow(slot).set(intervalPagesColumn, (long) tracker.intervalPages());
      tracker.windows(t, windowsNs, windowPages, windowRegions);
      placedRegions[slot].windows(t, windowsNs, windowPlaced);
      for (int w = 0; w < windowsNs.length; w++) {
        Row row = context.newRow(Table.WORKING_SETS, slot)
            .set(tColumn, t)
            .set(tauColumn, windowsNs[w])
            .set(pagesColumn, windowPages[w])
            .set(largePagesColumn, windowRegions[w])
            .set(placedLargePagesColumn, windowPlaced[w]);
        end.emit(row);
      }
      tracker.closeInterval(t);
      placedRegions[slot].closeInterval(t);
    }
  }
}
