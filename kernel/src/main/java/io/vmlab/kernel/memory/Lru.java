package io.vmlab.kernel.memory;

/**
 * Where user pages come from and go to: allocation (which may reclaim first) and the lists the
 * replacement policy keeps. The default takes frames straight from the buddy allocator and
 * tracks nothing.
 */
interface Lru {
  /** A free frame for a user page, reclaiming if memory is short; -1 if none can be had. */
  int allocate();

  /** The frame now holds an evictable user page. */
  void add(int pfn);

  /** The frame's page leaves memory or becomes unevictable. */
  void remove(int pfn);

  /** A reference to a resident page (only for policies that see every reference). */
  default void referenced(int pfn) {}

  /** Whether {@link #referenced} must be called on every access. */
  default boolean wantsEveryReference() {
    return false;
  }
}
