package io.vmlab.kernel.swap;

import java.util.HashMap;
import java.util.Map;

/**
 * A swap device (mm/swapfile.c, mm/swap_state.c): slots with a reference count each (swap_map:
 * how many PTEs hold the entry), the swap cache (a slot whose page is in memory as well), and the
 * saved contents of swapped-out pages. Slot 0 is never used, so an entry is never 0.
 */
public final class SwapSpace implements SwapCounts {
  private final short[] count;
  private final int[] cacheFrame;
  private final Map<Integer, Integer> slotOfFrame = new HashMap<>();
  private final Map<Integer, byte[]> contents = new HashMap<>();
  private int hint = 1;
  private int used;
  private long swapouts;
  private long swapins;

  /** A swap device of {@code pages} pages. */
  public SwapSpace(long pages) {
    if (pages + 1 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("swap too large: " + pages + " pages");
    }
    count = new short[(int) pages + 1];
    cacheFrame = new int[(int) pages + 1];
  }

  /** Slots in all. */
  public int slots() {
    return count.length - 1;
  }

  /** Slots in use (by PTEs or the swap cache). */
  public int used() {
    return used;
  }

  /** vm_swap_full(): more than half the swap is in use. */
  public boolean full() {
    return used * 2L > slots();
  }

  /** get_swap_page(): a free slot (count 0, not cached), or -1 if swap is full. */
  public int allocate() {
    int n = count.length;
    for (int i = 0; i < n - 1; i++) {
      int s = hint + i;
      if (s >= n) {
        s -= n - 1;
      }
      if (count[s] == 0 && cacheFrame[s] == 0) {
        used++;
        hint = s + 1 >= n ? 1 : s + 1;
        return s;
      }
    }
    return -1;
  }

  /** swap_duplicate(): one more PTE holds the entry. */
  public void dup(long entry) {
    count[(int) entry]++;
  }

  /** swap_free(): a PTE let go of the entry; the slot is free when nothing holds it. */
  public void free(long entry) {
    int s = (int) entry;
    if (count[s] <= 0) {
      throw new IllegalStateException("swap slot " + s + " freed too often");
    }
    count[s]--;
    release(s);
  }

  private void release(int s) {
    if (count[s] == 0 && cacheFrame[s] == 0) {
      used--;
      contents.remove(s);
    }
  }

  @Override
  public int count(long entry) {
    return count[(int) entry];
  }

  /** The frame caching slot {@code entry}, or -1. */
  public int cached(long entry) {
    return cacheFrame[(int) entry] - 1;
  }

  /** add_to_swap_cache(). */
  public void addToCache(long entry, int pfn) {
    cacheFrame[(int) entry] = pfn + 1;
    slotOfFrame.put(pfn, (int) entry);
  }

  /** The slot a swap-cache frame caches, or -1. */
  public int slotOf(int pfn) {
    Integer s = slotOfFrame.get(pfn);
    return s == null ? -1 : s;
  }

  /** delete_from_swap_cache(). */
  public void removeFromCache(int pfn) {
    Integer s = slotOfFrame.remove(pfn);
    if (s != null) {
      cacheFrame[s] = 0;
      release(s);
    }
  }

  /** swap_writepage(): the page's bytes go to the slot. */
  public void writeOut(long entry, byte[] bytes) {
    swapouts++;
    if (bytes == null) {
      contents.remove((int) entry);
    } else {
      contents.put((int) entry, bytes);
    }
  }

  /** swap_readpage(): the slot's bytes (null: all zero). */
  public byte[] readIn(long entry) {
    swapins++;
    byte[] b = contents.get((int) entry);
    return b == null ? null : b.clone();
  }

  /** pswpout. */
  public long swapouts() {
    return swapouts;
  }

  /** pswpin. */
  public long swapins() {
    return swapins;
  }
}
