package io.memreplay.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SharedFramesTest {

  @Test
  void whatSharingSavesEachVmIsItsPagesShareOfEveryFrame() {
    SharedFrames frames = new SharedFrames(new int[][] {{0, 1, 2}});
    int zero = frames.newFrame(0);
    frames.reference(zero, 0);
    frames.reference(zero, 0);
    frames.reference(zero, 0);
    int common = frames.newFrame(0);
    frames.reference(common, 0);
    frames.reference(common, 1);
    frames.reference(common, 1);
    frames.reference(common, 2);

    double[] saved = new double[3];
    frames.savedPages(saved);

    // one VM's frame of 3 pages saves it 2; a frame of 4 pages saves each of them 3/4
    assertArrayEquals(new double[] {2 + 0.75, 1.5, 0.75}, saved, 1e-12);
  }

  @Test
  void aFrameIsFreeWhenItsLastPageLeavesAndItsNumberIsReused() {
    SharedFrames frames = new SharedFrames(new int[][] {{0, 1}});
    int frame = frames.newFrame(0);
    frames.reference(frame, 0);
    frames.reference(frame, 1);
    assertFalse(frames.release(frame, 1));
    assertEquals(1, frames.liveFrames());
    assertTrue(frames.release(frame, 0));
    assertEquals(0, frames.liveFrames());
    double[] saved = new double[2];
    frames.savedPages(saved);
    assertArrayEquals(new double[] {0, 0}, saved);
    assertEquals(frame, frames.newFrame(0), "a freed frame is the next one handed out");
  }
}
