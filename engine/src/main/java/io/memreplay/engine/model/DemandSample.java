package io.memreplay.engine.model;

import java.util.Arrays;

/**
 * A demand sample of a trace without accesses: at {@link #tsNs} the VM in {@link #slot} has touched
 * {@link #newlyTouched} more pages for the first time (they exist now, whether used or not) and uses its
 * {@link #active} active pages, each touched at that instant.
 */
public final class DemandSample {

  public int slot;
  public long tsNs;
  /** Pages touched for the first time by this sample: {@code newlyTouchedPages[0 .. newlyTouched)}. */
  public int newlyTouched;
  public int[] newlyTouchedPages = new int[64];
  /** Active pages: {@code activePages[0 .. active)}, with their 2 MB regions. */
  public int active;
  public int[] activePages = new int[64];
  public int[] activeRegions = new int[64];

  /** Makes room for {@code touched} newly touched and {@code activeCount} active pages. */
  public void reserve(int touched, int activeCount) {
    if (newlyTouchedPages.length < touched) {
      newlyTouchedPages = Arrays.copyOf(newlyTouchedPages, touched);
    }
    if (activePages.length < activeCount) {
      activePages = Arrays.copyOf(activePages, activeCount);
      activeRegions = Arrays.copyOf(activeRegions, activeCount);
    }
  }
}
