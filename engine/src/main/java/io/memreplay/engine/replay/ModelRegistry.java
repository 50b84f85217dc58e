package io.memreplay.engine.replay;

import io.memreplay.engine.config.Policy;
import io.memreplay.engine.config.Scenario;
import io.memreplay.engine.memory.HostMemoryModel;
import io.memreplay.engine.memory.LargePageListener;
import io.memreplay.engine.model.AccessCounts;
import io.memreplay.engine.model.Model;
import io.memreplay.engine.model.ModelContext;
import io.memreplay.engine.model.Threading;
import io.memreplay.engine.translation.GuestPageTables;
import io.memreplay.engine.translation.TranslationModel;
import io.memreplay.engine.workingset.LastTouch;
import io.memreplay.engine.workingset.MissRatioModel;
import io.memreplay.engine.workingset.WorkingSetModel;
import java.util.ArrayList;
import java.util.List;

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
   * @param observerThreading whether the models that only observe (translation, the curves) may run on threads of their own
   */
  static List<Model> build(ModelContext context, Policy policy, Scenario scenario, ReplayOptions options,
      GuestPageTables[] tables, Threading observerThreading, long traceStartNs) {
    List<Model> models = new ArrayList<>();
    models.add(new AccessCounts(context));

    long[] windowsNs = options.windowsNs();
    long longestNs = Math.max(options.intervalNs(), windowsNs.length == 0 ? 0 : windowsNs[windowsNs.length - 1]);
    WorkingSetModel workingSets = new WorkingSetModel(context, options.stepNs(), longestNs, windowsNs);
    models.add(workingSets);

    if (options.mrc().enabled()) {
      models.add(new MissRatioModel(context, options.mrc(), options.intervalNs(), options.seed(), observerThreading));
    }

    TranslationModel translation = policy.translation().enabled()
        ? new TranslationModel(context, policy.translation(), tables, options.seed(), observerThreading)
        : null;
    LastTouch[] lastTouch = new LastTouch[context.vmCount()];
    for (int slot = 0; slot < lastTouch.length; slot++) {
      lastTouch[slot] = workingSets.lastTouch(slot);
    }
    models.add(new HostMemoryModel(context, policy, scenario, lastTouch, options.stepNs(), largePagesTo(translation),
        options.seed(), traceStartNs));

    // after host memory: it hears, within each stretch, where the host backed or broke large pages
    if (translation != null) {
      models.add(translation);
    }
    return models;
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
