package io.vmlab.kernel.phys;

/**
 * Frame flags: Linux's PG_* bits (include/linux/page-flags.h) that vmlab models, plus the buddy
 * order of a free block or compound page in the top bits.
 */
public final class PageFlags {
  /** PG_locked. */
  public static final int LOCKED = 1;
  /** PG_referenced: software referenced bit (mark_page_accessed). */
  public static final int REFERENCED = 1 << 1;
  /** PG_uptodate. */
  public static final int UPTODATE = 1 << 2;
  /** PG_dirty: the page's contents differ from its backing store. */
  public static final int DIRTY = 1 << 3;
  /** PG_lru: on the replacement policy's lists. */
  public static final int LRU = 1 << 4;
  /** PG_active. */
  public static final int ACTIVE = 1 << 5;
  /** PageAnon: mapping is an anon_vma (PAGE_MAPPING_ANON). */
  public static final int ANON = 1 << 6;
  /** PG_swapbacked: anonymous or shmem memory, written to swap rather than a file. */
  public static final int SWAPBACKED = 1 << 7;
  /** PG_swapcache: in the swap cache. */
  public static final int SWAPCACHE = 1 << 8;
  /** PG_mlocked. */
  public static final int MLOCKED = 1 << 9;
  /** PG_unevictable. */
  public static final int UNEVICTABLE = 1 << 10;
  /** PG_reserved: never allocated (the zero page). */
  public static final int RESERVED = 1 << 11;
  /** PageBuddy: the first frame of a free block. */
  public static final int BUDDY = 1 << 12;
  /** PageTable: a page-table page. */
  public static final int PGTABLE = 1 << 13;
  /** PG_head: first frame of a compound (huge) page. */
  public static final int HEAD = 1 << 14;
  /** A tail frame of a compound page; mapping holds the head's frame number. */
  public static final int TAIL = 1 << 15;
  /** PageAnonExclusive: this mm owns the anonymous page alone (5.19+ COW reuse rule). */
  public static final int ANON_EXCLUSIVE = 1 << 16;
  /** PG_writeback. */
  public static final int WRITEBACK = 1 << 17;
  /** A page-cache page of a file. */
  public static final int FILE = 1 << 18;
  /** MADV_FREE'd: clean anonymous page that may be dropped instead of swapped (lazyfree). */
  public static final int LAZYFREE = 1 << 19;

  /** The order of a buddy block or compound page lives in bits 24..27. */
  static final int ORDER_SHIFT = 24;
  static final int ORDER_MASK = 0xf << ORDER_SHIFT;

  private PageFlags() {}
}
