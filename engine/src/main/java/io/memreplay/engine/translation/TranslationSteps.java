package io.memreplay.engine.translation;

/**
 * The steps of translation, in the order the replay makes them: each access of each VM, each change of the
 * host's backing, each guest page-table record. Taken either at once ({@link #direct}) or recorded for
 * translation's own thread ({@link TranslationWorker}), which then takes them at once in the same order.
 */
interface TranslationSteps {

  void access(int slot, int vcpu, int asid, long gva, long gpn, boolean instruction);

  /** The host broke its large page over the region of {@code firstGpn}, or backs it with 4 KB pages. */
  void backingChanged(int slot, long firstGpn, boolean broken);

  void pageTableOp(int slot, int vcpu, int asid, byte kind, long gva, int pageBytes);

  /** Steps taken at once by each VM's translation. */
  static TranslationSteps direct(VmTranslation[] translations) {
    return new TranslationSteps() {
      @Override
      public void access(int slot, int vcpu, int asid, long gva, long gpn, boolean instruction) {
        translations[slot].access(vcpu, asid, gva, gpn, instruction);
      }

      @Override
      public void backingChanged(int slot, long firstGpn, boolean broken) {
        if (broken) {
          translations[slot].breakLargePage(firstGpn);
        } else {
          translations[slot].backWithSmallPages(firstGpn);
        }
      }

      @Override
      public void pageTableOp(int slot, int vcpu, int asid, byte kind, long gva, int pageBytes) {
        translations[slot].pageTableOp(vcpu, asid, kind, gva, pageBytes);
      }
    };
  }
}
