package io.memreplay.ingest.generate;

import io.memreplay.ingest.generate.PhaseSchedule.Segment;
import io.memreplay.schemas.trace.AccessColumns;
import io.memreplay.schemas.trace.Columns;
import io.memreplay.schemas.trace.ContentHashes;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The accesses of one VM, one at a time in time order. Times: the VM's accesses are uniform over its
 * expected-access curve (the integral of its schedule's rate), mapped back to trace time, so busy
 * segments get many and idle ones few. Each access:
 *
 * <ul>
 *   <li>op: {@value #EXEC_SHARE} instruction fetches, all from the OS image; {@value #WRITE_SHARE} writes,
 *       the rest reads;
 *   <li>page: a Zipf (s = 1) rank over the current working set, OS image for fetches, for
 *       {@value #OS_IMAGE_SHARE_OF_READS} of reads (read-only data) and {@value #OS_IMAGE_SHARE_OF_WRITES}
 *       of writes (patched code), the data pages otherwise; see {@link HotPages};
 *   <li>size: 4 bytes for fetches; 8 bytes for 75% of data accesses, 4 for 15%, 2 and 1 for 5% each; the
 *       offset is aligned to the size, so no access crosses a page;
 *   <li>content after a write: zeros for {@value #ZERO_SHARE_OF_WRITES} of writes (a cleared buffer),
 *       otherwise new content only this VM has; reads and fetches carry none.
 * </ul>
 *
 * State is O(1): a random stream, the place in the schedule, two samplers and a write count.
 */
final class VmAccessStream {

  static final double EXEC_SHARE = 0.15;
  static final double WRITE_SHARE = 0.25;
  static final double OS_IMAGE_SHARE_OF_READS = 0.10;
  static final double OS_IMAGE_SHARE_OF_WRITES = 0.01;
  static final double ZERO_SHARE_OF_WRITES = 0.02;
  static final double ZIPF_EXPONENT = 1.0;
  static final int EXEC_BYTES = 4;

  private final SyntheticVm vm;
  private final HotPages hotPages;
  private final GuestAddresses addresses;
  private final SplittableRandom random;
  private final SortedUniforms arrivals;
  private final List<Segment> segments;
  private final double totalWork;
  private int segment = -1;
  private double segmentWorkStart;
  private double segmentWorkEnd;
  private double workingSetShare = Double.NaN;
  private ZipfSampler osImageRanks;
  private ZipfSampler dataRanks;
  private long writes;
  private boolean pending;
  private long nextTs;

  VmAccessStream(SyntheticVm vm, long accesses) {
    this.vm = vm;
    this.hotPages = vm.hotPages();
    this.addresses = vm.addresses();
    this.random = new SplittableRandom(vm.accessSeed());
    this.arrivals = new SortedUniforms(accesses, random.split());
    this.segments = vm.schedule().segments();
    this.totalWork = vm.schedule().totalWork();
    enterNextSegment();
    advance();
  }

  int vmId() {
    return vm.id();
  }

  /** Whether an access is waiting at {@link #nextTs}. */
  boolean hasNext() {
    return pending;
  }

  long nextTs() {
    return nextTs;
  }

  /** Appends the waiting access to {@code block} and moves on to the next. */
  void emit(AccessColumns block) {
    double draw = random.nextDouble();
    byte op;
    long gpn;
    if (draw < EXEC_SHARE) {
      op = AccessColumns.EXEC;
      gpn = osImagePage();
    } else if (draw < EXEC_SHARE + WRITE_SHARE) {
      op = AccessColumns.WRITE;
      gpn = page(OS_IMAGE_SHARE_OF_WRITES);
    } else {
      op = AccessColumns.READ;
      gpn = page(OS_IMAGE_SHARE_OF_READS);
    }
    int bytes = op == AccessColumns.EXEC ? EXEC_BYTES : dataBytes();
    long offset = (long) random.nextInt(GuestLayout.PAGE_BYTES / bytes) * bytes;
    int asid = addresses.asid(gpn);
    long content = op == AccessColumns.WRITE ? contentAfterWrite(gpn) : Columns.NULL;
    block.add(nextTs, vm.id(), random.nextInt(SyntheticVm.VCPUS), asid, addresses.pageAddress(asid, gpn) + offset,
        (gpn << GuestLayout.PAGE_SHIFT) | offset, op, bytes, content);
    advance();
  }

  private long page(double osImageShare) {
    return random.nextDouble() < osImageShare ? osImagePage() : hotPages.dataPage(dataRanks.sample(random));
  }

  private long osImagePage() {
    return hotPages.osImagePage(osImageRanks.sample(random));
  }

  private int dataBytes() {
    int draw = random.nextInt(20);
    if (draw < 15) {
      return 8;
    }
    if (draw < 18) {
      return 4;
    }
    return draw < 19 ? 2 : 1;
  }

  private long contentAfterWrite(long gpn) {
    if (random.nextDouble() < ZERO_SHARE_OF_WRITES) {
      return ContentHashes.ZERO;
    }
    return vm.contents().written(gpn, ++writes);
  }

  /** Draws the time of the next access, if any is left. */
  private void advance() {
    pending = arrivals.hasNext();
    if (!pending) {
      return;
    }
    double work = arrivals.next() * totalWork;
    while (work >= segmentWorkEnd && segment < segments.size() - 1) {
      enterNextSegment();
    }
    Segment current = segments.get(segment);
    long ts = current.startNs() + (long) ((work - segmentWorkStart) / current.rate());
    // rounding must neither leave the segment nor step back in time
    nextTs = Math.max(nextTs, Math.min(ts, current.endNs()));
  }

  private void enterNextSegment() {
    segment++;
    Segment next = segments.get(segment);
    segmentWorkStart = segmentWorkEnd;
    segmentWorkEnd = segmentWorkStart + next.work();
    if (next.workingSetShare() != workingSetShare) {
      workingSetShare = next.workingSetShare();
      osImageRanks = new ZipfSampler(workingSet(hotPages.osImagePages()), ZIPF_EXPONENT);
      dataRanks = new ZipfSampler(workingSet(hotPages.dataPages()), ZIPF_EXPONENT);
    }
  }

  private long workingSet(long pages) {
    return Math.max(1, Math.round(workingSetShare * pages));
  }
}
