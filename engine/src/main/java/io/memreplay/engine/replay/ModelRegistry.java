package io.memreplay.engine.replay;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.config.VmSpec;
import io.memreplay.engine.memory.HostMemoryModel;
import io.memreplay.engine.memory.LargePageListener;
import io.memreplay.engine.model.AccessCounts;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.translation.GuestPageTables;
import io.memreplay.engine.translation.TranslationModel;
import io.memreplay.engine.workingset.LastTouch;
import io.memreplay.engine.workingset.MissRatioModel;
import io.memreplay.engine.workingset.WorkingSetModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the models a policy enables, in the order the replay loop runs them, and connects the ones that
 * depend on each other: host memory reads the working sets' last touches, translation follows the host's
 * large pages. To add a model, build it here; the loop runs whatever this returns.
 */
final class ModelRegistry {

  private ModelRegistry() {}

  /**
   * @param tables each VM's guest page tables, kept by the loop (it places pages and applies page-table
   *     records) and read by translation
   */
  static List<Model> build(ModelContext context, Policy policy, Scenario scenario, ReplayOptions options,
      GuestPageTables[] tables, TraceInfo trace) {
    List<Model> models = new ArrayList<>();
    models.add(new AccessCounts(context));

    long[] windowsNs = options.windowsNs();
    long longestNs = Math.max(options.intervalNs(), windowsNs.length == 0 ? 0 : windowsNs[windowsNs.length - 1]);
    WorkingSetModel workingSets = new WorkingSetModel(context, options.stepNs(), longestNs, windowsNs);
    models.add(workingSets);

    if (options.mrc().enabled()) {
      models.add(new MissRatioModel(context, options.mrc(), options.intervalNs(), options.seed()));
    }

    TranslationModel translation = policy.translation().enabled()
        ? new TranslationModel(context, policy.translation(), tables, options.seed())
        : null;
    LastTouch[] lastTouch = new LastTouch[context.vmCount()];
    for (int slot = 0; slot < lastTouch.length; slot++) {
      lastTouch[slot] = workingSets.lastTouch(slot);
    }
    models.add(new HostMemoryModel(context, policy, scenario, lastTouch, options.stepNs(), largePagesTo(translation),
        options.seed(), trace.startNs(), expectedContents(context, trace)));

    // after host memory: it hears, within each stretch, where the host backed or broke large pages
    if (translation != null) {
      models.add(translation);
    }
    return models;
  }

  /**
   * The page contents each VM slot is expected to hold, for sizing the content index up front: the trace's
   * content snapshots shared among the VMs it has events of by their configured memory, at most one a
   * configured page (a boot snapshot is one per page). None when the source does not count them.
   */
  static long[] expectedContents(ModelContext context, TraceInfo trace) {
    long[] expected = new long[context.vmCount()];
    if (trace.contents() <= 0) {
      return expected;
    }
    Set<Integer> traceVms = Set.copyOf(trace.vmIds());
    long configured = 0;
    for (int slot = 0; slot < expected.length; slot++) {
      VmSpec vm = context.vm(slot);
      if (traceVms.isEmpty() || traceVms.contains(vm.id())) {
        expected[slot] = vm.configuredPages();
        configured += expected[slot];
      }
    }
    double share = configured == 0 ? 0 : Math.min(1, (double) trace.contents() / configured);
    for (int slot = 0; slot < expected.length; slot++) {
      expected[slot] = (long) Math.ceil(expected[slot] * share);
    }
    return expected;
  }

  private static LargePageListener largePagesTo(TranslationModel translation) {
    if (translation == null) {
      return LargePageListener.NONE;
    }
    return new LargePageListener() {
      @Override
      public void backedWithSmallPages(int vm, long firstGpn, int position) {
        translation.backedWithSmallPages(vm, firstGpn, position);
      }

      @Override
      public void broken(int vm, long firstGpn, int position) {
        translation.largePageBroken(vm, firstGpn, position);
      }
    };
  }
}
