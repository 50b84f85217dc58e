package io.memreplay.engine.memory;

/** How the host backs one 2 MB region of a VM's guest memory. */
final class RegionBacking {

  /** No page of the region is backed yet. */
  static final byte NONE = 0;
  /** One 2 MB host page backs the whole region: 512 frames, touched by the guest or not. */
  static final byte LARGE = 1;
  /** Each backed page has a 4 KB frame of its own. */
  static final byte SMALL = 2;

  private RegionBacking() {}
}
