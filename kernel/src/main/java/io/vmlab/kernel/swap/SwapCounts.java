package io.vmlab.kernel.swap;

/** How many PTEs refer to a swap slot (swp_swapcount), for SwapPss. */
public interface SwapCounts {
  /** The references to swap entry {@code entry}. */
  int count(long entry);
}
