package io.memreplay.engine.sharing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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

  @Test
  void whatSharingSavesMatchesCountingEveryPageThroughReferencesAndReleases() {
    // a group of 3 VMs, one of 70 (more than a frame's bit mask of VMs holds), and one VM alone
    int[][] groups = {{0, 1, 2}, IntStream.range(3, 73).toArray(), {73}};
    SharedFrames frames = new SharedFrames(groups);
    int vms = 74;
    List<int[]> pagesOfFrame = new ArrayList<>();
    List<Integer> live = new ArrayList<>();
    int[] groupOf = new int[2_000];
    SplittableRandom random = new SplittableRandom(17);
    for (int step = 0; step < 20_000; step++) {
      if (live.isEmpty() || random.nextInt(10) == 0) {
        int group = random.nextInt(groups.length);
        int frame = frames.newFrame(group);
        while (pagesOfFrame.size() <= frame) {
          pagesOfFrame.add(null);
        }
        pagesOfFrame.set(frame, new int[vms]);
        groupOf[frame] = group;
        live.add(frame);
        int vm = groups[group][random.nextInt(groups[group].length)];
        frames.reference(frame, vm);
        pagesOfFrame.get(frame)[vm]++;
      } else {
        int frame = live.get(random.nextInt(live.size()));
        int[] members = groups[groupOf[frame]];
        int vm = members[random.nextInt(members.length)];
        if (random.nextInt(3) > 0) {
          frames.reference(frame, vm);
          pagesOfFrame.get(frame)[vm]++;
        } else if (pagesOfFrame.get(frame)[vm] > 0) {
          pagesOfFrame.get(frame)[vm]--;
          if (frames.release(frame, vm)) {
            live.remove(Integer.valueOf(frame));
          }
        }
      }
    }
    double[] expected = new double[vms];
    for (int frame : live) {
      int[] pages = pagesOfFrame.get(frame);
      int references = IntStream.of(pages).sum();
      for (int vm = 0; vm < vms; vm++) {
        expected[vm] += pages[vm] * (1 - 1.0 / references);
      }
    }
    double[] saved = new double[vms];
    frames.savedPages(saved);
    assertArrayEquals(expected, saved, 1e-9);
  }
}
