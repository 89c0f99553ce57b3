package io.vmlab.api.policy;

import java.util.SplittableRandom;

/** What the simulator tells an {@link Evictor} about the frames it manages. */
public interface ReplacementContext {
  /** Frames that can be resident: frame numbers lie in {@code [0, capacity())}. */
  int capacity();

  /** A random source derived from the run's seed (same seed, same choices). */
  SplittableRandom random();

  /**
   * Whether the frame was referenced since the last call, clearing the referenced state
   * (Linux: folio_referenced() over the accessed bits of every PTE that maps it, via rmap).
   */
  boolean testAndClearReferenced(int frame);

  /** Whether the page in the frame is dirty (needs writeback or swap-out to evict). */
  boolean dirty(int frame);

  /** Whether the page in the frame is anonymous (else file-backed). */
  boolean anonymous(int frame);

  /** The virtual page number the frame holds (policy-study mode: the trace's page). */
  long page(int frame);

  /**
   * The position in the reference stream of the next reference to the page in {@code frame},
   * or {@link Long#MAX_VALUE} if it is never referenced again. Only for {@code FUTURE} policies.
   *
   * @throws UnsupportedOperationException if the run has no known future
   */
  long nextReference(int frame);
}
