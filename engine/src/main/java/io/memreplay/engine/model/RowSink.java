package io.memreplay.engine.model;

import java.io.IOException;

/** Where a run's result rows go. */
public interface RowSink {

  /** Takes {@code row}; the caller may reuse it once this returns. */
  void emit(Row row) throws IOException;
}
