package io.memreplay.engine.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.memreplay.engine.config.Policies;
import io.memreplay.schemas.avro.AccessOp;
import io.memreplay.schemas.avro.MemoryAccess;
import io.memreplay.schemas.avro.PageTableOp;
import io.memreplay.schemas.avro.PageTableOpKind;
import io.memreplay.schemas.avro.WorkingSet;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * A guest page mapped in two address spaces (a shared library, shared memory) is one page of the working
 * set, in one region as placed, but in a region of the trace's addresses in each address space: however
 * its accesses follow each other, back to back in one space or alternating between the two (all in one
 * batch, so that each access follows the one before within a stretch).
 */
class SharedMappingReplayTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long GPA = 0x1000_0000L;
  private static final long LIBRARY = 0x40_0000L;
  private static final long MAPPED = 0x7f00_0000_0000L;

  @Test
  void aPageMappedInTwoAddressSpacesIsOnePageInARegionOfEach() throws Exception {
    List<SpecificRecordBase> events = new ArrayList<>();
    events.add(map(1, LIBRARY));
    events.add(map(2, MAPPED));
    int[] spaces = {1, 1, 2, 2, 2, 1, 2, 1, 1};
    for (int i = 0; i < spaces.length; i++) {
      long gva = (spaces[i] == 1 ? LIBRARY : MAPPED) + 8 * i;
      events.add(new MemoryAccess(1 + (long) i, 0, 0, spaces[i], gva, -1L, AccessOp.READ, 8, null));
    }
    RecordingOutput output = new RecordingOutput();
    new Replay(new InMemoryTraceSource(events, List.of(0), 64), TestScenarios.scenario(new int[] {0}, new String[1]),
        List.of(Policies.builtIn("esxi-default")), new ReplayOptions(SECOND, new long[] {SECOND}, 1), output,
        ReplayProgress.NONE).run();

    WorkingSet window = output.runs.get("esxi-default").workingSets.get(0);
    assertEquals(1, window.getWorkingSetPages(), "one guest page");
    assertEquals(1, window.getWorkingSetPlacedLargePages(), "in one 2 MB region of guest memory");
    assertEquals(2, window.getWorkingSetLargePages(), "in a 2 MB region of each address space's addresses");
  }

  private static PageTableOp map(int asid, long gva) {
    return new PageTableOp(0L, 0, 0, asid, PageTableOpKind.MAP, gva, GPA, 4096, 3);
  }
}
