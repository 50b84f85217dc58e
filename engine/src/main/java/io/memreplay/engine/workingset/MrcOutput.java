package io.memreplay.engine.workingset;

import java.io.IOException;

/** Where the points of miss-ratio curves go. */
@FunctionalInterface
public interface MrcOutput {

  void point(CurvePoint point) throws IOException;
}
