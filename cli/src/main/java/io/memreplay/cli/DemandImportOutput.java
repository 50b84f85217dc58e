package io.memreplay.cli;

import io.memreplay.engine.config.VmSpec;
import io.memreplay.ingest.imports.RejectedLine;
import io.memreplay.ingest.imports.demand.DemandStaging;
import io.memreplay.ingest.imports.demand.DemandSummary;
import java.io.PrintStream;
import java.nio.file.Path;

/** What a demand import (monitoring CSV, esxtop) prints: what was read, what each VM became, the rejects. */
final class DemandImportOutput {

  private DemandImportOutput() {}

  /**
   * @param read what was read, e.g. "records of vcenter.csv"
   * @param unit what a record is called, e.g. "records"
   */
  static void print(DemandSummary summary, String read, String unit, Path out, double seconds, PrintStream stdout) {
    stdout.printf("Imported %,d %s into %s in %.1f s (%,.0f %s/s): %,d samples of %d VMs, %,d rejected.%n",
        summary.records(), read, out, seconds, summary.records() / seconds, unit, summary.samples(),
        summary.vms().size(), summary.rejected());
    for (DemandStaging.Vm vm : summary.vms()) {
      VmSpec spec = summary.scenario().vm(vm.id());
      stdout.printf("  %s -> vm %d: %,d samples, peak active %,d MB; VM memory %,d MB%n", vm.name(), vm.id(),
          vm.samples(), vm.peakActivePages() * 4 / 1024, spec.memoryMb());
    }
  }

  /** The rejects, if any, and how to go on. */
  static void finish(DemandSummary summary, ImportTarget target, PrintStream stdout) {
    target.printRejects(summary.rejected(), "records", summary.manifest(),
        summary.firstRejects().stream().map(RejectedLine::describe).toList(), stdout);
    stdout.printf("Replay it: memreplay replay --trace %s --out RESULTS%n", target.out);
  }
}
