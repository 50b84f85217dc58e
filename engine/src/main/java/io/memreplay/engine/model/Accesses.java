package io.memreplay.engine.model;

import io.memreplay.schemas.trace.AccessColumns;

/**
 * A stretch of accesses, rows [{@link #from}, {@link #to}) of a batch's access columns, with each access's
 * VM slot and guest page resolved once for every model. Resolved arrays are indexed from 0 for row {@code
 * from}. An access whose bytes cross into the next guest page touches that page too: {@link #nextPage}
 * holds it, {@link #NO_PAGE} when the access stays within its page.
 *
 * <p>Filled by the replay loop, read by models; arrays hold at least {@link #CAPACITY} entries.
 */
public final class Accesses {

  /** Accesses per stretch at most: few enough that resolved arrays stay in the first-level cache. */
  public static final int CAPACITY = 256;
  public static final int NO_PAGE = -1;

  /** The batch's access columns. */
  public AccessColumns columns;
  /**
   * Host time minus {@code columns.tsNs} of every access of the stretch: the VMs' common delay when the
   * loop replays a batch of the trace as it came, 0 when it replays held events, which carry host times.
   */
  public long timeOffsetNs;
  public int from;
  public int to;
  /**
   * Whether models read the pages' state ahead of a stretch, so that its cache misses overlap: not while
   * the run tracks so few pages that their state stays in the processor's caches, where reading ahead only
   * costs.
   */
  public boolean readAhead;
  /** VM slot of each access. */
  public final int[] slot = new int[CAPACITY];
  /** Dense page index ({@link VmPages}) of each access's guest page. */
  public final int[] page = new int[CAPACITY];
  /** Dense index of its 2 MB guest-physical region, as placed (see {@link #gpn}). */
  public final int[] region = new int[CAPACITY];
  /**
   * Dense index of the 2 MB region of the address the trace records: guest-physical when recorded, else
   * guest-virtual in its address space; independent of the guest allocator model's placement.
   */
  public final int[] traceRegion = new int[CAPACITY];
  /** Its guest physical page number: recorded, or placed by the guest allocator model. */
  public final long[] gpn = new long[CAPACITY];
  public final int[] nextPage = new int[CAPACITY];
  public final int[] nextRegion = new int[CAPACITY];
  public final long[] nextGpn = new long[CAPACITY];
  public final int[] nextTraceRegion = new int[CAPACITY];

  /**
   * Where within the stretch a decision of one model happened, for a later model that must apply it just
   * before the touch it preceded: the touch of access {@code k}'s page, or of its next page.
   */
  public static int position(int k, boolean nextPage) {
    return 2 * k + (nextPage ? 1 : 0);
  }

  /** The position of a decision made outside any stretch: at a tick, a content snapshot or a demand sample. */
  public static final int BETWEEN_STRETCHES = -1;

  public int size() {
    return to - from;
  }
}
