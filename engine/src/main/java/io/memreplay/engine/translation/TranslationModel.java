package io.memreplay.engine.translation;

import io.memreplay.engine.config.PageSize;
import io.memreplay.engine.config.TranslationPolicy;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.PageTableOp;
import io.memreplay.engine.model.Row;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;
import io.memreplay.engine.model.Threading;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.PageTableColumns;
import java.util.Arrays;

/**
 * Address translation of every VM ({@link VmTranslation}) as a model of the replay: each access's TLB
 * lookups and walks, the guest's page-table records, and one {@code translation} row per VM and interval.
 *
 * <p>The host decides where large pages back guest memory; it tells this model through {@link
 * #backedWithSmallPages} and {@link #largePageBroken}, with the position in the stretch of accesses where
 * it happened ({@link Accesses#position}: the host's model runs over a stretch before this one). Each change is applied just before
 * the access it preceded, so translation sees the backing exactly as each access found it.
 *
 * <p>Nothing else in the replay reads what translation computes before an interval ends, so it may run on a
 * thread of its own ({@link Threading}): on a large host every access walks page tables whose entries are
 * out of the caches, about a quarter of a single run's time, and a machine with a processor to spare then
 * does that beside the rest. The steps are the same either way, so are the rows.
 */
public final class TranslationModel implements Model {

  private final ModelContext context;
  private final GuestPageTables[] tables;
  private final VmTranslation[] translations;
  private final String[] modes;
  private final Columns columns;
  private final Threading threading;
  /** Where steps go: to the VMs' translation at once, or to translation's own thread. */
  private TranslationSteps steps;
  private TranslationWorker worker;
  // changes of the host's backing not yet applied, in the order they happened
  private int pending;
  private int applied;
  private int[] changeSlot = new int[16];
  private long[] changeGpn = new long[16];
  private boolean[] changeBroken = new boolean[16];
  private int[] changePosition = new int[16];

  /**
   * @param tables each VM's guest page tables, which the replay loop keeps (it places pages and applies
   *     page-table records)
   */
  public TranslationModel(ModelContext context, TranslationPolicy policy, GuestPageTables[] tables, long seed,
      Threading threading) {
    if (!policy.enabled()) {
      throw new IllegalArgumentException("translation mode none has no translation to simulate");
    }
    this.context = context;
    this.tables = tables;
    this.threading = threading;
    this.translations = new VmTranslation[context.vmCount()];
    this.modes = new String[translations.length];
    for (int slot = 0; slot < translations.length; slot++) {
      VmSpec spec = context.vm(slot);
      // a VM without large pages (sched.mem.lpage) is backed with 4 KB pages whatever the policy
      TranslationPolicy own = spec.largePages() ? policy : policy.withHostBacking(PageSize.SIZE_4K);
      translations[slot] = new VmTranslation(own, tables[slot], seed + slot);
      modes[slot] = own.mode().name();
    }
    this.columns = new Columns(context.layout(Table.TRANSLATION));
    this.steps = TranslationSteps.direct(translations);
  }

  /** The host backs a region of the VM in {@code slot} with 4 KB pages from its first touch on. */
  public void backedWithSmallPages(int slot, long firstGpn, int position) {
    queue(slot, firstGpn, false, position);
  }

  /** The host broke the large page over a region of the VM in {@code slot}. */
  public void largePageBroken(int slot, long firstGpn, int position) {
    queue(slot, firstGpn, true, position);
  }

  @Override
  public void accesses(Accesses accesses) {
    if (worker == null && threading.ownThreadFor(accesses)) {
      worker = new TranslationWorker(tables, translations);
      steps = worker;
    }
    AccessColumns access = accesses.columns;
    byte[] op = access.op;
    int[] vcpu = access.vcpu;
    int[] asid = access.asid;
    long[] gva = access.gva;
    TranslationSteps to = steps;
    for (int i = accesses.from, k = 0; i < accesses.to; i++, k++) {
      applyChangesUpTo(Accesses.position(k, false));
      int slot = accesses.slot[k];
      boolean instruction = op[i] == AccessColumns.EXEC;
      to.access(slot, vcpu[i], asid[i], gva[i], accesses.gpn[k], instruction);
      if (accesses.nextPage[k] != Accesses.NO_PAGE) {
        applyChangesUpTo(Accesses.position(k, true));
        long nextPage = (gva[i] >>> 12) + 1;
        to.access(slot, vcpu[i], asid[i], nextPage << 12, accesses.nextGpn[k], instruction);
      }
    }
    applyChangesUpTo(Integer.MAX_VALUE);
  }

  @Override
  public void pageTableOp(PageTableOp op) {
    applyChangesUpTo(Integer.MAX_VALUE);
    PageTableColumns pagetable = op.columns;
    int row = op.row;
    steps.pageTableOp(op.slot, pagetable.vcpu[row], pagetable.asid[row], pagetable.opKind[row], pagetable.gva[row],
        pagetable.pageSize[row]);
  }

  @Override
  public void closeInterval(IntervalEnd end) throws java.io.IOException {
    applyChangesUpTo(Integer.MAX_VALUE);
    if (worker != null) {
      worker.drain();
    }
    for (int slot = 0; slot < translations.length; slot++) {
      Row row = end.newIntervalRow(Table.TRANSLATION, slot).set(columns.mode, modes[slot]);
      translations[slot].closeInterval(row, columns);
      end.emit(row);
    }
  }

  @Override
  public void finish(IntervalEnd last) {
    if (worker != null) {
      worker.close();
    }
  }

  private void queue(int slot, long firstGpn, boolean broken, int position) {
    if (pending == changeSlot.length) {
      int size = pending * 2;
      changeSlot = Arrays.copyOf(changeSlot, size);
      changeGpn = Arrays.copyOf(changeGpn, size);
      changeBroken = Arrays.copyOf(changeBroken, size);
      changePosition = Arrays.copyOf(changePosition, size);
    }
    changeSlot[pending] = slot;
    changeGpn[pending] = firstGpn;
    changeBroken[pending] = broken;
    changePosition[pending] = position;
    pending++;
  }

  /** Applies the queued changes made at or before {@code position} of the current stretch. */
  private void applyChangesUpTo(int position) {
    while (applied < pending && changePosition[applied] <= position) {
      steps.backingChanged(changeSlot[applied], changeGpn[applied], changeBroken[applied]);
      applied++;
    }
    if (applied == pending) {
      applied = 0;
      pending = 0;
    }
  }

  /** The {@code translation} table's columns. */
  static final class Columns {
    final int mode;
    final int accesses;
    final int l1Hits4k;
    final int l1Hits2m;
    final int l1Hits1g;
    final int l2Hits4k;
    final int l2Hits2m;
    final int l2Hits1g;
    final int walks;
    final int walkRefs;
    final int walkCacheHits;
    final int nestedTlbHits;
    final int vmExits;
    final int translationCycles;

    Columns(RowLayout layout) {
      mode = layout.column("mode");
      accesses = layout.column("accesses");
      l1Hits4k = layout.column("l1_hits_4k");
      l1Hits2m = layout.column("l1_hits_2m");
      l1Hits1g = layout.column("l1_hits_1g");
      l2Hits4k = layout.column("l2_hits_4k");
      l2Hits2m = layout.column("l2_hits_2m");
      l2Hits1g = layout.column("l2_hits_1g");
      walks = layout.column("walks");
      walkRefs = layout.column("walk_refs");
      walkCacheHits = layout.column("walk_cache_hits");
      nestedTlbHits = layout.column("nested_tlb_hits");
      vmExits = layout.column("vm_exits");
      translationCycles = layout.column("translation_cycles");
    }
  }
}
