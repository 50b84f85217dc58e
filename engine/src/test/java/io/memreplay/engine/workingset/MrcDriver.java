package io.memreplay.engine.workingset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a page sequence to {@link VmMissRatioCurves} as the replay does: reference i at time i × {@code
 * nsPerReference}, output intervals of {@code intervalNs} from 0, intervals closed as time passes them
 * and once more at the end, then {@code finish}.
 */
final class MrcDriver {

  private MrcDriver() {}

  static List<CurvePoint> rows(MrcOptions options, int[] pages, long nsPerReference, long intervalNs, long seed) {
    List<CurvePoint> rows = new ArrayList<>();
    try {
      VmMissRatioCurves curves = VmMissRatioCurves.create(options, intervalNs, 0, seed);
      long intervalEnd = intervalNs;
      for (int i = 0; i < pages.length; i++) {
        long now = i * nsPerReference;
        while (now >= intervalEnd) {
          curves.intervalClosed(intervalEnd, rows::add);
          intervalEnd += intervalNs;
        }
        curves.touch(pages[i]);
      }
      curves.intervalClosed(intervalEnd, rows::add);
      curves.finish(intervalEnd, rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
