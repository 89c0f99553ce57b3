package io.vmlab.api.arch;

/**
 * How page-table entries of one paging mode are laid out in hardware. The kernel speaks in
 * {@link PteFlags} and frame numbers; the format turns them into the real entry bits (4-byte
 * entries on IA-32 2-level, 8-byte with NX at bit 63 on PAE and x86-64), so that a page table
 * holds what the hardware would read.
 */
public interface EntryFormat {
  /** Bytes per entry (4 or 8). */
  int entryBytes();

  /** Whether entries have an execute-disable bit. */
  boolean hasNx();

  /** The largest frame number an entry can hold. */
  long maxPfn();

  /** Builds an entry pointing at frame {@code pfn} with the given {@link PteFlags}. */
  long encode(long pfn, int flags);

  /** The frame number an entry points at. */
  long pfn(long entry);

  /** The {@link PteFlags} of an entry. */
  int flags(long entry);

  /** A not-present entry that holds a swap entry (type and offset packed by the kernel). */
  long encodeSwap(long swapEntry);

  /** Whether a not-present entry holds a swap entry. */
  boolean isSwap(long entry);

  /** The swap entry held by {@code entry}. */
  long swapEntry(long entry);

  /** Whether the present bit is set. */
  default boolean present(long entry) {
    return (flags(entry) & PteFlags.PRESENT) != 0;
  }
}
