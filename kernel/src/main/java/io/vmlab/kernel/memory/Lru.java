package io.vmlab.kernel.memory;

/**
 * Where user pages come from and go to: allocation (which may reclaim first) and the lists the
 * replacement policy keeps. The default takes frames straight from the buddy allocator and
 * tracks nothing.
 */
interface Lru {
  /** A free frame for a user page, reclaiming if memory is short; -1 if none can be had. */
  int allocate();

  /**
   * Makes sure {@code frames} more frames than the low watermark are free, reclaiming (and as a
   * last resort OOM-killing) at a point where the caller holds nothing. Kernel allocations that
   * follow (page tables) then come from that reserve. False if the memory cannot be had.
   */
  default boolean reserve(int frames) {
    return true;
  }

  /** The frame now holds an evictable user page. */
  void add(int pfn);

  /** The frame's page becomes unevictable (pinned, mlocked): off the lists, still allocated. */
  void remove(int pfn);

  /** The user page in {@code pfn} is being freed. */
  default void freed(int pfn) {
    remove(pfn);
  }

  /** A reference to a resident page (only for policies that see every reference). */
  default void referenced(int pfn) {}

  /** Whether {@link #referenced} must be called on every access. */
  default boolean wantsEveryReference() {
    return false;
  }
}
