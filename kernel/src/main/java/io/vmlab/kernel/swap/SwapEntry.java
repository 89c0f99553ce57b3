package io.vmlab.kernel.swap;

/**
 * The value the kernel stores in a swap PTE (swp_entry_t plus the software bits that travel with
 * it): the slot, and whether the page was exclusive to this mapping when it was swapped out
 * (_PAGE_SWP_EXCLUSIVE, which lets do_swap_page() map it writable without a COW).
 */
public final class SwapEntry {
  private SwapEntry() {}

  /** pte_swp_mkexclusive(swp_entry_to_pte(slot)) when {@code exclusive}. */
  public static long of(int slot, boolean exclusive) {
    return ((long) slot << 1) | (exclusive ? 1 : 0);
  }

  /** swp_offset(): the slot on the swap device. */
  public static int slot(long entry) {
    return (int) (entry >>> 1);
  }

  /** pte_swp_exclusive(). */
  public static boolean exclusive(long entry) {
    return (entry & 1) != 0;
  }

  /** pte_swp_clear_exclusive(). */
  public static long shared(long entry) {
    return entry & ~1L;
  }
}
