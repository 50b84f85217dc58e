package io.memreplay.engine.model;

import io.memreplay.schemas.trace.ContentColumns;

/**
 * A stretch of page content snapshots, rows [{@link #from}, {@link #to}) of a batch's content columns, with
 * each row's VM slot and page resolved; resolved arrays are indexed from 0 for row {@code from}.
 */
public final class Contents {

  public static final int CAPACITY = Accesses.CAPACITY;

  public ContentColumns columns;
  public int from;
  public int to;
  public final int[] slot = new int[CAPACITY];
  public final int[] page = new int[CAPACITY];
}
