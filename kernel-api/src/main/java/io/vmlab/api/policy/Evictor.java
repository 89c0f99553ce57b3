package io.vmlab.api.policy;

/**
 * One memory's replacement state: the frames it may evict, and its choice of victim. Frames are
 * numbered 0..capacity-1 in the context's numbering. All calls come from one thread.
 */
public interface Evictor {
  /** A frame became resident and evictable (Linux: folio_add_lru). */
  void added(int frame);

  /**
   * A reference to a resident frame; called only for {@code EVERY_REFERENCE} policies, on the
   * simulator's hottest path. It may name a frame the evictor does not track (an unevictable page):
   * ignore it.
   */
  default void referenced(int frame) {}

  /** A tracked frame left memory other than as a victim (unmapped and freed, or made unevictable). */
  void removed(int frame);

  /**
   * Chooses the next frame to evict and stops tracking it; -1 if nothing is evictable. If the
   * kernel cannot evict it after all, it hands the frame back through {@link #added(int)}.
   */
  int victim();
}
