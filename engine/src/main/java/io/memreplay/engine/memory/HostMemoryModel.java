package io.memreplay.engine.memory;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.Contents;
import io.memreplay.engine.model.DemandSample;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;
import io.memreplay.engine.model.VmPages;
import io.memreplay.engine.sharing.ContentIndex;
import io.memreplay.engine.sharing.SaltGroups;
import io.memreplay.engine.sharing.SharingPotential;
import io.memreplay.engine.workingset.LastTouch;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentColumns;

/**
 * The host's memory as a model of the replay: every VM's pages and contents ({@link ContentIndex}), and the
 * ESX mechanisms of {@link HostMemory} that back, share, balloon, compress and swap them. A write or a
 * snapshot reaches the host's memory first (a shared page breaks copy-on-write, leaving the frame of the
 * content it held), then the page holds its new content.
 * Fills the memory and sharing-potential columns of {@code vm_intervals} and the {@code host_intervals} row.
 */
public final class HostMemoryModel implements Model {

  private final ModelContext context;
  private final HostMemory memory;
  private final MemoryColumns columns;
  private final int touchedPages;
  private final int knownContentPages;
  private final int zeroPages;
  private final int intraDupPages;
  private final int interDupPages;
  private final int sharingPotentialPages;
  /** What was read ahead of a stretch; kept so that the reads are not optimised away. */
  private long prefetched;

  /**
   * @param lastTouch when each VM's pages were last touched, in working-set steps of {@code stepNs} from the
   *     first interval's start
   * @param largePages told when the host backs a region with small pages or breaks a large page
   * @param traceStartNs when the trace starts: the host's ticks count from there
   */
  public HostMemoryModel(ModelContext context, Policy policy, Scenario scenario, LastTouch[] lastTouch,
      long stepNs, LargePageListener largePages, long seed, long traceStartNs) {
    this.context = context;
    int[] groups = SaltGroups.assign(context.vms(), policy.sharing());
    ContentIndex contents = new ContentIndex(groups);
    VmPages[] pages = new VmPages[context.vmCount()];
    for (int slot = 0; slot < pages.length; slot++) {
      pages[slot] = context.pages(slot);
    }
    this.memory = new HostMemory(policy, scenario, context.vms(), pages, lastTouch, context.startNs(), stepNs, contents,
        groups, largePages, context.feedback(), seed, traceStartNs);
    this.columns = new MemoryColumns(context);
    RowLayout vm = context.layout(Table.VM_INTERVALS);
    touchedPages = vm.column("touched_pages");
    knownContentPages = vm.column("known_content_pages");
    zeroPages = vm.column("zero_pages");
    intraDupPages = vm.column("intra_dup_pages");
    interDupPages = vm.column("inter_dup_pages");
    sharingPotentialPages = vm.column("sharing_potential_pages");
  }

  @Override
  public void accesses(Accesses accesses) {
    if (accesses.readAhead) {
      // each page's state, read ahead: the stretch's cache misses overlap here, not one by one below
      long warm = 0;
      for (int k = 0; k < accesses.size(); k++) {
        warm += memory.stateOf(accesses.slot[k], accesses.page[k]);
      }
      prefetched += warm;
    }
    byte[] op = accesses.columns.op;
    long[] hash = accesses.columns.contentHash;
    for (int i = accesses.from, k = 0; i < accesses.to; i++, k++) {
      boolean write = op[i] == AccessColumns.WRITE;
      int slot = accesses.slot[k];
      memory.atPosition(Accesses.position(k, false));
      touch(slot, accesses.page[k], write, hash[i]);
      if (accesses.nextPage[k] != Accesses.NO_PAGE) {
        memory.atPosition(Accesses.position(k, true));
        touch(slot, accesses.nextPage[k], write, hash[i]);
      }
    }
    memory.atPosition(Accesses.BETWEEN_STRETCHES);
  }

  private void touch(int slot, int page, boolean write, long contentHash) {
    memory.access(slot, page, write);
    if (write) {
      memory.contents().set(slot, page, contentHash);
    }
  }

  @Override
  public void contents(Contents rows) {
    ContentColumns columns = rows.columns;
    ContentIndex contents = memory.contents();
    prefetched += contents.prefetch(rows.slot, columns.hash, rows.from, rows.to);
    for (int i = rows.from, k = 0; i < rows.to; i++, k++) {
      int slot = rows.slot[k];
      int page = rows.page[k];
      long hash = columns.hash[i];
      boolean changed = contents.contentOf(slot, page) != hash;
      int compressed = columns.compressedBytes[i];
      memory.content(slot, page, changed);
      contents.snapshot(slot, page, hash, compressed == Columns.NULL ? -1 : Math.max(1, compressed));
    }
  }

  @Override
  public void demand(DemandSample sample) {
    for (int i = 0; i < sample.newlyTouched; i++) {
      memory.access(sample.slot, sample.newlyTouchedPages[i], false);
    }
    for (int i = 0; i < sample.active; i++) {
      memory.access(sample.slot, sample.activePages[i], false);
    }
  }

  @Override
  public long nextTickNs() {
    return memory.nextTickNs();
  }

  @Override
  public void advanceTo(long nowNs) {
    memory.advanceTo(nowNs);
  }

  @Override
  public void closeInterval(IntervalEnd end) {
    memory.writeHost(end.hostRow(), columns, end.endNs());
    for (int slot = 0; slot < context.vmCount(); slot++) {
      Row row = end.vmRow(slot);
      SharingPotential sharing = memory.contents().potential(slot);
      // a VM that does not run holds nothing: its pages (all unbacked) count as touched only while it runs
      row.set(touchedPages, context.feedback().running(slot) ? (long) context.pages(slot).pageCount() : 0L)
          .set(knownContentPages, sharing.knownPages())
          .set(zeroPages, sharing.zeroPages())
          .set(intraDupPages, sharing.intraDupPages())
          .set(interDupPages, sharing.interDupPages())
          .set(sharingPotentialPages, sharing.potentialPages());
      memory.writeVm(slot, row, columns);
    }
  }
}
