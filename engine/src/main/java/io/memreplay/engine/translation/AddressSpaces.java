package io.memreplay.engine.translation;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Something kept per address space of one guest, made on the address space's first use and dropped when its
 * process exits. Small ids, the common case, are found in an array, and the last one asked for is
 * remembered: consecutive accesses mostly come from one address space.
 */
final class AddressSpaces<T> {

  private static final int SMALL_IDS = 16;

  private final Supplier<T> create;
  private final Object[] small = new Object[SMALL_IDS];
  private final Map<Integer, T> others = new HashMap<>();
  private int lastAsid = Integer.MIN_VALUE;
  private T last;

  AddressSpaces(Supplier<T> create) {
    this.create = create;
  }

  /** What address space {@code asid} keeps, made first if it has none. */
  @SuppressWarnings("unchecked")
  T get(int asid) {
    if (asid != lastAsid) {
      if (asid >= 0 && asid < SMALL_IDS) {
        if (small[asid] == null) {
          small[asid] = create.get();
        }
        last = (T) small[asid];
      } else {
        last = others.computeIfAbsent(asid, a -> create.get());
      }
      lastAsid = asid;
    }
    return last;
  }

  /** Address space {@code asid} is gone, and what it kept. */
  void drop(int asid) {
    if (asid >= 0 && asid < SMALL_IDS) {
      small[asid] = null;
    } else {
      others.remove(asid);
    }
    lastAsid = Integer.MIN_VALUE;
    last = null;
  }
}
