package io.vmlab.kernel.phys;

import java.util.Arrays;

/**
 * Linux's binary buddy allocator (mm/page_alloc.c), orders 0..{@value #MAX_ORDER}-1: a free list
 * per order; allocation splits the smallest block that fits (expand), freeing merges a block
 * with its buddy (pfn ^ (1 << order)) while the buddy is free and of the same order. The lists
 * are threaded through the frames' own arrays, as struct page's lru list is.
 */
public final class BuddyAllocator {
  /** MAX_ORDER in 6.1: orders 0..10, blocks up to 4 MiB. */
  public static final int MAX_ORDER = 11;
  private static final int NONE = -1;

  private final int[] flags;
  private final int[] next;
  private final int[] prev;
  private final int[] head = new int[MAX_ORDER];
  private final long[] count = new long[MAX_ORDER];
  private long freeFrames;

  /**
   * @param flags the frames' flag words (PageBuddy and the order are kept there)
   * @param next a per-frame link array (free frames only)
   * @param prev a per-frame link array (free frames only)
   */
  BuddyAllocator(int[] flags, int[] next, int[] prev) {
    this.flags = flags;
    this.next = next;
    this.prev = prev;
    Arrays.fill(head, NONE);
  }

  /** Frees a frame range at boot: the largest aligned blocks that fit (memblock_free_all). */
  void addRange(int start, int end) {
    int pfn = start;
    while (pfn < end) {
      int order = MAX_ORDER - 1;
      while (order > 0 && ((pfn & ((1 << order) - 1)) != 0 || pfn + (1 << order) > end)) {
        order--;
      }
      free(pfn, order);
      pfn += 1 << order;
    }
  }

  /** Free frames. */
  public long freeFrames() {
    return freeFrames;
  }

  /** Free blocks of each order (what /proc/buddyinfo shows). */
  public long[] freeBlocks() {
    return count.clone();
  }

  /** __rmqueue_smallest: a block of 2^order frames, or -1 if none is free. */
  public int alloc(int order) {
    for (int o = order; o < MAX_ORDER; o++) {
      int pfn = head[o];
      if (pfn == NONE) {
        continue;
      }
      unlink(pfn, o);
      // expand(): give back the upper halves, largest first.
      for (int h = o; h > order; h--) {
        int half = pfn + (1 << (h - 1));
        link(half, h - 1);
      }
      freeFrames -= 1L << order;
      return pfn;
    }
    return -1;
  }

  /** __free_one_page: frees 2^order frames at pfn, merging with free buddies. */
  public void free(int pfn, int order) {
    freeFrames += 1L << order;
    while (order < MAX_ORDER - 1) {
      int buddy = pfn ^ (1 << order);
      if (buddy >= flags.length || !isFreeBlock(buddy, order)) {
        break;
      }
      unlink(buddy, order);
      pfn &= buddy;
      order++;
    }
    link(pfn, order);
  }

  private boolean isFreeBlock(int pfn, int order) {
    int f = flags[pfn];
    return (f & PageFlags.BUDDY) != 0 && ((f & PageFlags.ORDER_MASK) >>> PageFlags.ORDER_SHIFT) == order;
  }

  private void link(int pfn, int order) {
    flags[pfn] = PageFlags.BUDDY | (order << PageFlags.ORDER_SHIFT);
    int h = head[order];
    next[pfn] = h;
    prev[pfn] = NONE;
    if (h != NONE) {
      prev[h] = pfn;
    }
    head[order] = pfn;
    count[order]++;
  }

  private void unlink(int pfn, int order) {
    int n = next[pfn];
    int p = prev[pfn];
    if (p == NONE) {
      head[order] = n;
    } else {
      next[p] = n;
    }
    if (n != NONE) {
      prev[n] = p;
    }
    flags[pfn] = 0;
    count[order]--;
  }
}
