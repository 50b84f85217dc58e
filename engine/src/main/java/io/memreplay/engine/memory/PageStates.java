package io.memreplay.engine.memory;

/**
 * The state byte of one guest page, as the host sees it. The low three bits are what backs the page; the
 * flag bits above say where its data went and what the sharing scanner knows.
 */
final class PageStates {

  /** Touched once, no host memory behind it now (handed back by the balloon, or the VM powered off). */
  static final byte UNBACKED = 0;
  /** Backed by a frame of its own: a 4 KB frame, or a part of its region's 2 MB large page. */
  static final byte PRIVATE = 1;
  /** Mapped copy-on-write to a frame shared with other pages of the same content. */
  static final byte SHARED = 2;
  /** Given to the balloon driver by the guest. */
  static final byte BALLOONED = 3;
  /** Held in the VM's compression cache. */
  static final byte COMPRESSED = 4;
  /** In the VM's swap file (or the host swap cache). */
  static final byte SWAPPED = 5;
  static final int KINDS = 6;

  static final byte KIND = 0b111;
  /** The guest paged the page out to give it to its balloon: touching it again costs a guest swap-in. */
  static final byte GUEST_SWAPPED = 1 << 3;
  /** The sharing scanner has hashed the page (inside a large page, where it could not share yet). */
  static final byte SCANNED = 1 << 4;
  /** Compressed into a quarter-page slot rather than a half-page one. */
  static final byte QUARTER_SLOT = 1 << 5;
  /** Swapped into the host swap cache rather than the VM's swap file. */
  static final byte IN_HOST_CACHE = (byte) (1 << 6);

  private PageStates() {}

  static int kind(byte state) {
    return state & KIND;
  }

  static byte withKind(byte state, byte kind) {
    return (byte) ((state & ~KIND) | kind);
  }
}
