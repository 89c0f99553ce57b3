package io.vmlab.api.policy.study;

/** How the harness numbers the frames it hands an evictor. */
public enum FrameAllocation {
  /** Frames 0..N-1 in load order while free; a new page goes into its victim's frame (the textbook). */
  SEQUENTIAL,
  /**
   * Frame numbers spread over a capacity of 4N+3, drawn at random from the free ones, and a freed
   * victim's frame goes back to the pool: a buddy allocator's numbering, which no policy may depend on.
   */
  SCATTERED
}
