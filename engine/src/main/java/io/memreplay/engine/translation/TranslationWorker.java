package io.memreplay.engine.translation;

import io.memreplay.engine.model.ObserverThread;

/**
 * Translation on a thread of its own ({@link ObserverThread}): the replay loop's thread records each step,
 * with what the guest's mappings say at that moment, since it goes on placing pages while translation's
 * thread catches up ({@link TranslationLog}).
 */
final class TranslationWorker implements TranslationSteps {

  private final GuestPageTables[] tables;
  private final ObserverThread<TranslationLog> thread;

  /** Moves the VMs' translation onto a thread of its own: from now on, only it may touch them. */
  TranslationWorker(GuestPageTables[] tables, VmTranslation[] translations) {
    this.tables = tables;
    TranslationSteps direct = TranslationSteps.direct(translations);
    TranslationLog.Recorded recorded = new TranslationLog.Recorded();
    for (VmTranslation translation : translations) {
      translation.readMappingsFrom(recorded);
    }
    this.thread = new ObserverThread<>("translation", () -> new TranslationLog(direct, recorded));
  }

  @Override
  public void access(int slot, int vcpu, int asid, long gva, long gpn, boolean instruction) {
    thread.log().access(slot, vcpu, asid, gva, gpn, instruction, tables[slot]);
    thread.recorded();
  }

  @Override
  public void backingChanged(int slot, long firstGpn, boolean broken) {
    thread.log().backingChanged(slot, firstGpn, broken);
    thread.recorded();
  }

  @Override
  public void pageTableOp(int slot, int vcpu, int asid, byte kind, long gva, int pageBytes) {
    thread.log().pageTableOp(slot, vcpu, asid, kind, gva, pageBytes);
    thread.recorded();
  }

  /** Waits until translation's thread has taken every step recorded: the VMs' counts are then complete. */
  void drain() {
    thread.drain();
  }

  void close() {
    thread.close();
  }
}
