package io.memreplay.engine.memory;

/**
 * The host's physical memory in 4 KB frames: what the VMkernel keeps, the VMs' overhead memory, and the
 * free frames; everything else backs guest pages. Taking a frame that is not there is a bug in the
 * caller, which must make room first (see {@link PageOperations#makeRoom}).
 */
final class HostFrames {

  final long hostPages;
  final long vmkernelPages;
  private long overheadPages;
  private long free;

  HostFrames(long hostPages, long vmkernelPages) {
    this.hostPages = hostPages;
    this.vmkernelPages = vmkernelPages;
    this.free = hostPages - vmkernelPages;
  }

  long free() {
    return free;
  }

  long overheadPages() {
    return overheadPages;
  }

  void take(long frames) {
    if (frames > free) {
      throw new IllegalStateException("took " + frames + " frames with " + free + " free");
    }
    free -= frames;
  }

  void give(long frames) {
    free += frames;
  }

  void reserveOverhead(long pages) {
    take(pages);
    overheadPages += pages;
  }

  void releaseOverhead(long pages) {
    overheadPages -= pages;
    give(pages);
  }
}
