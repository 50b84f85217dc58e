package io.memreplay.engine.workingset;

import io.memreplay.engine.model.Accesses;
import io.memreplay.engine.model.IntervalEnd;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.ObserverThread;
import io.memreplay.engine.model.RowLayout;
import io.memreplay.engine.model.Table;
import io.memreplay.engine.model.Threading;
import java.io.IOException;

/**
 * LRU miss-ratio curves of every VM ({@link VmMissRatioCurves}), written as {@code mrc} rows at window ends.
 * Nothing else reads the curves before then, so on a large host they may be computed on a thread of their own
 * ({@link ObserverThread}), fed the pages touched in order.
 */
public final class MissRatioModel implements Model {

  private final ModelContext context;
  private final VmMissRatioCurves[] curves;
  private final int windowStartColumn;
  private final int windowEndColumn;
  private final int methodColumn;
  private final int samplingRateColumn;
  private final int memoryPagesColumn;
  private final int missRatioColumn;
  private final int referencesColumn;
  private final Threading threading;
  /** The curves' own thread, once they have moved there. */
  private ObserverThread<TouchLog> thread;

  /** @param seed the VM in slot s samples pages with seed {@code seed + s} */
  public MissRatioModel(ModelContext context, MrcOptions options, long intervalNs, long seed, Threading threading) {
    if (!options.enabled()) {
      throw new IllegalArgumentException("miss-ratio curves are off");
    }
    this.context = context;
    this.threading = threading;
    this.curves = new VmMissRatioCurves[context.vmCount()];
    for (int slot = 0; slot < curves.length; slot++) {
      curves[slot] = VmMissRatioCurves.create(options, intervalNs, context.startNs(), seed + slot);
    }
    RowLayout layout = context.layout(Table.MRC);
    windowStartColumn = layout.column("window_start_ns");
    windowEndColumn = layout.column("window_end_ns");
    methodColumn = layout.column("method");
    samplingRateColumn = layout.column("sampling_rate");
    memoryPagesColumn = layout.column("memory_pages");
    missRatioColumn = layout.column("miss_ratio");
    referencesColumn = layout.column("references");
  }

  @Override
  public void accesses(Accesses accesses) {
    if (thread == null && threading.ownThreadFor(accesses)) {
      thread = new ObserverThread<>("curves", () -> new TouchLog(curves));
    }
    for (int k = 0; k < accesses.size(); k++) {
      touch(accesses.slot[k], accesses.page[k]);
      if (accesses.nextPage[k] != Accesses.NO_PAGE) {
        touch(accesses.slot[k], accesses.nextPage[k]);
      }
    }
  }

  /** The VM in {@code slot} touches {@code page}: now, or on the curves' own thread once they have moved there. */
  private void touch(int slot, int page) {
    if (thread == null) {
      curves[slot].touch(page);
    } else {
      thread.log().touch(slot, page);
      thread.recorded();
    }
  }

  @Override
  public void closeInterval(IntervalEnd end) throws IOException {
    if (thread != null) {
      thread.drain();
    }
    for (int slot = 0; slot < curves.length; slot++) {
      int vm = slot;
      curves[slot].intervalClosed(end.endNs(), point -> emit(end, vm, point));
    }
  }

  @Override
  public void finish(IntervalEnd last) throws IOException {
    if (thread != null) {
      thread.drain();
      thread.close();
    }
    for (int slot = 0; slot < curves.length; slot++) {
      int vm = slot;
      curves[slot].finish(last.endNs(), point -> emit(last, vm, point));
    }
  }

  private void emit(IntervalEnd end, int slot, CurvePoint point) throws IOException {
    end.emit(context.newRow(Table.MRC, slot)
        .set(windowStartColumn, point.windowStartNs())
        .set(windowEndColumn, point.windowEndNs())
        .set(methodColumn, point.method().name())
        .set(samplingRateColumn, point.samplingRate())
        .set(memoryPagesColumn, point.memoryPages())
        .set(missRatioColumn, point.missRatio())
        .set(referencesColumn, point.references()));
  }
}
