package io.memreplay.engine.memory;

/**
 * Told how the host backs guest memory, so that address translation can follow: a region backed with 4 KB
 * pages from its first touch, or a large page broken. {@code position} says when within the stretch of
 * accesses the host was replaying ({@link io.memreplay.engine.model.Accesses#position}), or {@link
 * io.memreplay.engine.model.Accesses#BETWEEN_STRETCHES}.
 */
public interface LargePageListener {

  LargePageListener NONE = new LargePageListener() {
    @Override
    public void backedWithSmallPages(int vm, long firstGpn, int position) {}

    @Override
    public void broken(int vm, long firstGpn, int position) {}
  };

  /** VM slot {@code vm}'s region starting at guest page {@code firstGpn} got 4 KB pages, no large page being free. */
  void backedWithSmallPages(int vm, long firstGpn, int position);

  /** VM slot {@code vm}'s large page over the region starting at guest page {@code firstGpn} was broken. */
  void broken(int vm, long firstGpn, int position);
}
