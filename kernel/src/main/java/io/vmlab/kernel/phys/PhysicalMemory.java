package io.vmlab.kernel.phys;

/**
 * A machine's physical memory: one slot per frame in each of five primitive arrays, holding what
 * struct page holds (refcount, mapcount, flags, mapping, index), and the buddy allocator.
 *
 * <p>As in struct page, fields share storage by state: a free frame's {@code mapping} and
 * {@code mapcount} slots are the buddy free-list links; a page-table page's {@code index} is its
 * slot in the page-table store; a compound tail's {@code mapping} is its head's frame number.
 */
public final class PhysicalMemory {
  /** Bytes of a base page. */
  public static final int PAGE_SIZE = 4096;

  private final int frames;
  private final int[] refcount;
  private final int[] mapcount;
  private final int[] flags;
  private final int[] mapping;
  private final long[] index;
  private final BuddyAllocator buddy;
  private final PageContents contents = new PageContents();
  private final int zeroPfn;

  /** Memory of {@code bytes} bytes (rounded down to whole pages). */
  public PhysicalMemory(long bytes) {
    long n = bytes / PAGE_SIZE;
    if (n < 16 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("memory size out of range: " + bytes + " bytes");
    }
    frames = (int) n;
    refcount = new int[frames];
    mapcount = new int[frames];
    flags = new int[frames];
    mapping = new int[frames];
    index = new long[frames];
    buddy = new BuddyAllocator(flags, mapping, mapcount);
    // Frame 0 is the shared zero page, reserved at boot (mm/memory.c zero_pfn).
    zeroPfn = 0;
    flags[0] = PageFlags.RESERVED | PageFlags.UPTODATE;
    refcount[0] = 1;
    buddy.addRange(1, frames);
  }

  /** Total frames. */
  public int frames() {
    return frames;
  }

  /** Free frames. */
  public long freeFrames() {
    return buddy.freeFrames();
  }

  /** The buddy allocator (for /proc/buddyinfo-like reports). */
  public BuddyAllocator buddy() {
    return buddy;
  }

  /** The shared zero page (ZERO_PAGE(0)). */
  public int zeroPfn() {
    return zeroPfn;
  }

  /** Byte contents written into frames (sparse; for peek and copy semantics). */
  public PageContents contents() {
    return contents;
  }

  /**
   * Allocates one frame with refcount 1 and the given flags; -1 if memory is exhausted.
   * (alloc_page; the caller decides whether to reclaim and retry.)
   */
  public int allocPage(int pageFlags) {
    int pfn = buddy.alloc(0);
    if (pfn >= 0) {
      prepare(pfn, pageFlags);
    }
    return pfn;
  }

  /** Allocates 2^order frames as one compound page (head at the returned frame); -1 if none. */
  public int allocCompound(int order, int pageFlags) {
    int pfn = buddy.alloc(order);
    if (pfn < 0) {
      return -1;
    }
    prepare(pfn, pageFlags | PageFlags.HEAD | (order << PageFlags.ORDER_SHIFT));
    for (int i = 1; i < (1 << order); i++) {
      flags[pfn + i] = PageFlags.TAIL;
      mapping[pfn + i] = pfn;
      refcount[pfn + i] = 0;
      mapcount[pfn + i] = 0;
      index[pfn + i] = 0;
    }
    return pfn;
  }

  private void prepare(int pfn, int pageFlags) {
    flags[pfn] = pageFlags;
    refcount[pfn] = 1;
    mapcount[pfn] = 0;
    mapping[pfn] = 0;
    index[pfn] = 0;
  }

  /** get_page: one more reference. */
  public void get(int pfn) {
    refcount[pfn]++;
  }

  /** put_page: drops a reference and frees the frame (or compound page) at zero. */
  public void put(int pfn) {
    if (--refcount[pfn] == 0) {
      free(pfn);
    } else if (refcount[pfn] < 0) {
      throw new IllegalStateException("refcount underflow on frame " + pfn);
    }
  }

  private void free(int pfn) {
    int f = flags[pfn];
    if ((f & PageFlags.RESERVED) != 0) {
      throw new IllegalStateException("freeing reserved frame " + pfn);
    }
    int order = (f & PageFlags.HEAD) != 0 ? (f & PageFlags.ORDER_MASK) >>> PageFlags.ORDER_SHIFT : 0;
    for (int i = 0; i < (1 << order); i++) {
      contents.drop(pfn + i);
      flags[pfn + i] = 0;
      mapcount[pfn + i] = 0;
      mapping[pfn + i] = 0;
      index[pfn + i] = 0;
    }
    buddy.free(pfn, order);
  }

  /** page_count(). */
  public int refcount(int pfn) {
    return refcount[pfn];
  }

  /** Raises or lowers the refcount without freeing (pin bias, fork copies); see put(). */
  public void addRefcount(int pfn, int delta) {
    refcount[pfn] += delta;
  }

  /** page_mapcount(): PTEs (or PMDs) mapping the page. */
  public int mapcount(int pfn) {
    return mapcount[pfn];
  }

  /** Adjusts the mapcount. */
  public void addMapcount(int pfn, int delta) {
    mapcount[pfn] += delta;
  }

  /** The PG_* flags word. */
  public int flags(int pfn) {
    return flags[pfn];
  }

  /** Whether all of {@code mask} is set. */
  public boolean test(int pfn, int mask) {
    return (flags[pfn] & mask) == mask;
  }

  /** Sets flags. */
  public void set(int pfn, int mask) {
    flags[pfn] |= mask;
  }

  /** Clears flags. */
  public void clear(int pfn, int mask) {
    flags[pfn] &= ~mask;
  }

  /** The id of the page's anon_vma or address_space (0 = none). */
  public int mapping(int pfn) {
    return mapping[pfn];
  }

  /** Sets the mapping id. */
  public void setMapping(int pfn, int id) {
    mapping[pfn] = id;
  }

  /** page->index: the page's offset in its anon_vma or file, in pages. */
  public long index(int pfn) {
    return index[pfn];
  }

  /** Sets page->index. */
  public void setIndex(int pfn, long value) {
    index[pfn] = value;
  }

  /** The order of a compound head (0 for a base page). */
  public int order(int pfn) {
    int f = flags[pfn];
    return (f & PageFlags.HEAD) != 0 ? (f & PageFlags.ORDER_MASK) >>> PageFlags.ORDER_SHIFT : 0;
  }

  /** compound_head(): the head frame of the page {@code pfn} belongs to. */
  public int head(int pfn) {
    return (flags[pfn] & PageFlags.TAIL) != 0 ? mapping[pfn] : pfn;
  }

  /** Whether the frame is free (the head of a free buddy block, or inside one). */
  public boolean isFree(int pfn) {
    return refcount[pfn] == 0 && (flags[pfn] & (PageFlags.RESERVED | PageFlags.TAIL)) == 0;
  }
}
