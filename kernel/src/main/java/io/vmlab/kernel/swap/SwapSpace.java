package io.vmlab.kernel.swap;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A swap device (mm/swapfile.c, mm/swap_state.c): slots with a reference count each (swap_map:
 * how many PTEs hold the entry), the swap cache (a slot whose page is in memory as well), and the
 * saved contents of swapped-out pages. Slot 0 is never used, so an entry is never 0.
 */
public final class SwapSpace implements SwapCounts {
  private short[] count;
  private int[] cacheFrame;
  private final boolean growable;
  /** Per frame: the slot it caches, plus one (0: none). Grown on demand. */
  private int[] slotOfFrame = new int[1024];
  private final Map<Integer, byte[]> contents = new HashMap<>();
  private int hint = 1;
  private int used;
  private long swapouts;
  private long swapins;

  /** A swap device of {@code pages} pages. */
  public SwapSpace(long pages) {
    this(pages, false);
  }

  private SwapSpace(long pages, boolean growable) {
    if (pages + 1 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("swap too large: " + pages + " pages");
    }
    count = new short[(int) pages + 1];
    cacheFrame = new int[(int) pages + 1];
    this.growable = growable;
  }

  /** Backing store that never fills (policy study: every evicted page has somewhere to go). */
  public static SwapSpace unbounded() {
    return new SwapSpace(1024, true);
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
    return !growable && used * 2L > slots();
  }

  /** get_swap_page(): a free slot (count 0, not cached), or -1 if swap is full. */
  public int allocate() {
    if (growable && used * 4L >= slots() * 3L) {
      // Grown early so that the search for a free slot stays short.
      hint = count.length;
      count = Arrays.copyOf(count, count.length * 2);
      cacheFrame = Arrays.copyOf(cacheFrame, cacheFrame.length * 2);
    }
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
    if (pfn >= slotOfFrame.length) {
      slotOfFrame = Arrays.copyOf(slotOfFrame, Math.max(pfn + 1, slotOfFrame.length * 2));
    }
    slotOfFrame[pfn] = (int) entry + 1;
  }

  /** The slot a swap-cache frame caches, or -1. */
  public int slotOf(int pfn) {
    return pfn < slotOfFrame.length ? slotOfFrame[pfn] - 1 : -1;
  }

  /** delete_from_swap_cache(). */
  public void removeFromCache(int pfn) {
    int s = slotOf(pfn);
    if (s >= 0) {
      slotOfFrame[pfn] = 0;
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
