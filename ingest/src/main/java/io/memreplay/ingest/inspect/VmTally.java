package io.memreplay.ingest.inspect;

import io.memreplay.schemas.trace.AccessColumns;
import java.util.HashMap;
import java.util.Map;

/**
 * One VM's accesses so far: counts per op and the distinct pages touched. A page is its guest physical
 * page when the access has a gpa, else its virtual page within its address space. The two spaces are
 * counted apart, and each address space is its own space, so no two pages share an identity. An access
 * that crosses a 4 KB boundary touches the next page too, as in the replay engine.
 */
final class VmTally {

  private static final int PAGE_SHIFT = 12;
  private static final long PAGE_MASK = (1L << PAGE_SHIFT) - 1;

  private final int vm;
  private final String name;
  private long reads;
  private long writes;
  private long execs;
  private final DistinctPages physical = new DistinctPages();
  private final Map<Integer, DistinctPages> virtualByAsid = new HashMap<>();

  VmTally(int vm, String name) {
    this.vm = vm;
    this.name = name;
  }

  /** Counts access {@code row} of {@code accesses}. */
  void add(AccessColumns accesses, int row) {
    switch (accesses.op[row]) {
      case AccessColumns.READ -> reads++;
      case AccessColumns.WRITE -> writes++;
      default -> execs++;
    }
    long gpa = accesses.gpa[row];
    if (gpa >= 0) {
      touch(physical, gpa, accesses.bytes[row]);
    } else {
      DistinctPages space = virtualByAsid.computeIfAbsent(accesses.asid[row], asid -> new DistinctPages());
      touch(space, accesses.gva[row], accesses.bytes[row]);
    }
  }

  private static void touch(DistinctPages space, long address, int bytes) {
    long page = address >>> PAGE_SHIFT;
    space.add(page);
    if ((address & PAGE_MASK) + bytes > 1 << PAGE_SHIFT) {
      space.add(page + 1);
    }
  }

  TraceStatistics.VmStatistics result() {
    long pages = physical.pages();
    long largePages = physical.largePages();
    for (DistinctPages space : virtualByAsid.values()) {
      pages += space.pages();
      largePages += space.largePages();
    }
    return new TraceStatistics.VmStatistics(vm, name, reads + writes + execs, reads, writes, execs, pages, largePages);
  }
}
