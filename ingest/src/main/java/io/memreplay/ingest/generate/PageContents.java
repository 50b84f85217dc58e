package io.memreplay.ingest.generate;

import static io.memreplay.ingest.generate.Hashes.combine;
import static io.memreplay.ingest.generate.Hashes.unit;

import io.memreplay.ingest.generate.GuestLayout.Region;
import io.memreplay.schemas.trace.ContentHashes;

/**
 * The content of a synthetic guest's pages, as 64-bit hashes, and how well each compresses. Content is a
 * pure function of what a page holds, so it needs no per-page state:
 *
 * <ul>
 *   <li>OS image: a function of (OS, page index), identical in every VM of that OS;
 *   <li>libraries and page cache: half the pages (the same half in every VM of an OS) hold common files,
 *       a function of (OS, page index); the rest is the VM's own, and 5% duplicate another library page
 *       of the VM (a file mapped twice);
 *   <li>free memory: zero pages;
 *   <li>private data: unique to the VM, except 2% of pages that duplicate another private page (repeated
 *       buffers);
 *   <li>a write: new content unique to (VM, page, the VM's write count).
 * </ul>
 */
final class PageContents {

  static final double COMMON_LIBRARY_SHARE = 0.5;
  static final double LIBRARY_COPY_SHARE = 0.05;
  static final double PRIVATE_COPY_SHARE = 0.02;

  /** zlib (level 6) of 4096 zero bytes is 26 bytes, measured with java.util.zip.Deflater. */
  static final int ZERO_PAGE_COMPRESSED_BYTES = 26;
  /**
   * Data pages that do not compress at all: media, encrypted and already compressed data. ESX keeps a
   * page compressed only if it shrinks to half a page, so these go to swap instead.
   */
  static final double INCOMPRESSIBLE_SHARE = 0.15;

  /** Tags that keep the hashes drawn for different purposes apart. */
  private static final long OPERATING_SYSTEM = 1;
  private static final long OS_IMAGE = 2;
  private static final long COMMON_FILES = 3;
  private static final long COMMON_COIN = 4;
  private static final long OWN_CONTENT = 5;
  private static final long COPY_COIN = 6;
  private static final long COPY_SOURCE = 7;
  private static final long COMPRESSIBILITY = 8;

  private final GuestLayout layout;
  private final long osImageKey;
  private final long commonFilesKey;
  private final long commonCoinKey;
  private final long ownContentKey;
  private final long copyCoinKey;
  private final long copySourceKey;

  /** {@code vmKey} makes this VM's own content differ from every other VM's. */
  PageContents(GuestLayout layout, GuestOs os, long vmKey) {
    this.layout = layout;
    long osKey = combine(OPERATING_SYSTEM, os.ordinal());
    this.osImageKey = combine(osKey, OS_IMAGE);
    this.commonFilesKey = combine(osKey, COMMON_FILES);
    this.commonCoinKey = combine(osKey, COMMON_COIN);
    this.ownContentKey = combine(vmKey, OWN_CONTENT);
    this.copyCoinKey = combine(vmKey, COPY_COIN);
    this.copySourceKey = combine(vmKey, COPY_SOURCE);
  }

  /** The content of page {@code gpn} when the trace starts. */
  long initial(long gpn) {
    return switch (layout.regionOf(gpn)) {
      case OS_IMAGE -> ContentHashes.normalize(combine(osImageKey, gpn));
      case LIBRARIES -> library(original(gpn, Region.LIBRARIES, LIBRARY_COPY_SHARE));
      case FREE -> ContentHashes.ZERO;
      case PRIVATE -> own(original(gpn, Region.PRIVATE, PRIVATE_COPY_SHARE), 0);
    };
  }

  /** The content of page {@code gpn} after the VM's {@code writeNumber}-th write (from 1) stored it. */
  long written(long gpn, long writeNumber) {
    return own(gpn, writeNumber);
  }

  /**
   * Bytes page {@code gpn} holding {@code hash} compresses to. Equal content compresses equally, so the
   * size is drawn from the hash:
   *
   * <ul>
   *   <li>zero pages: {@value #ZERO_PAGE_COMPRESSED_BYTES} bytes;
   *   <li>code (OS image, libraries): uniform over 40-70% of a page, typical of x86 code under LZ-family
   *       compressors;
   *   <li>data: {@value #INCOMPRESSIBLE_SHARE} incompressible (4096 bytes), the rest uniform over 5-100%
   *       of a page, so that about 40% of data pages fit ESX's half-page compression threshold.
   * </ul>
   */
  int compressedBytes(long gpn, long hash) {
    if (hash == ContentHashes.ZERO) {
      return ZERO_PAGE_COMPRESSED_BYTES;
    }
    double u = unit(combine(COMPRESSIBILITY, hash));
    Region region = layout.regionOf(gpn);
    if (region == Region.OS_IMAGE || region == Region.LIBRARIES) {
      return (int) (GuestLayout.PAGE_BYTES * (0.40 + 0.30 * u));
    }
    if (u < INCOMPRESSIBLE_SHARE) {
      return GuestLayout.PAGE_BYTES;
    }
    double spread = (u - INCOMPRESSIBLE_SHARE) / (1 - INCOMPRESSIBLE_SHARE);
    return (int) (GuestLayout.PAGE_BYTES * (0.05 + 0.95 * spread));
  }

  /** Original content of library page {@code gpn}: a common file's, or the VM's own. */
  private long library(long gpn) {
    long index = gpn - layout.start(Region.LIBRARIES);
    if (unit(combine(commonCoinKey, index)) < COMMON_LIBRARY_SHARE) {
      return ContentHashes.normalize(combine(commonFilesKey, index));
    }
    return own(gpn, 0);
  }

  /** Content only this VM has: version 0 at boot, then one version per write. */
  private long own(long gpn, long version) {
    return ContentHashes.normalize(combine(combine(ownContentKey, gpn), version));
  }

  /**
   * The page whose original content page {@code gpn} holds: itself, or, for a {@code copyShare} of the
   * pages, another page of the same region that is not a copy itself, so every copy's original is there.
   */
  private long original(long gpn, Region region, double copyShare) {
    if (!isCopy(gpn, copyShare)) {
      return gpn;
    }
    long start = layout.start(region);
    long size = layout.size(region);
    for (long attempt = 0; ; attempt++) {
      long candidate = start + Math.floorMod(combine(combine(copySourceKey, gpn), attempt), size);
      if (!isCopy(candidate, copyShare)) {
        return candidate;
      }
    }
  }

  private boolean isCopy(long gpn, double copyShare) {
    return unit(combine(copyCoinKey, gpn)) < copyShare;
  }
}
