package io.vmlab.kernel.pgtable;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.LevelGeometry;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.api.arch.PteFlags;
import java.util.List;

/**
 * One address space's page table over the machine's geometry. Only levels with tables of their
 * own are walked ("depths" 0..depth-1, the pgd first, the pte table last); a folded level's entry
 * is its parent's. Tables are frames from physical memory. VmPTE counts PTE, PMD and PUD tables
 * (mm_pgtables_bytes), never the PGD or P4D, as include/linux/mm.h does.
 */
public final class PageTable {
  /** Entry flags of a pointer to a lower table (_PAGE_TABLE). */
  static final int TABLE_FLAGS = PteFlags.PRESENT | PteFlags.RW | PteFlags.USER | PteFlags.ACCESSED | PteFlags.DIRTY;

  private final PageTableStore store;
  private final EntryFormat format;
  private final int depth;
  private final int[] shift;
  private final long[] mask;
  private final long[] span;
  private final PageLevel[] levels;
  private final boolean[] counted;
  private final boolean hugePmd;
  private final int rootPfn;
  private final int userRootEntries;
  private final int[] extraTables;
  private final java.util.Map<Integer, Integer> deposited = new java.util.HashMap<>();
  private long tableBytes;

  /**
   * A new, empty page table (pgd_alloc).
   *
   * @param userLimit the top of user space (TASK_SIZE_MAX): only root entries below it are
   *     owned by this table; the rest point at the kernel's shared tables
   * @param preallocatedUserEntries root entries given a table at once (PAE's user PMDs)
   * @param preallocatedTables all tables pgd_alloc() allocates and VmPTE counts
   * @throws IllegalStateException if memory is exhausted
   */
  public PageTable(PageTableStore store, PagingGeometry geometry, long userLimit,
      int preallocatedUserEntries, int preallocatedTables) {
    this.store = store;
    this.format = store.format();
    List<LevelGeometry> tl = geometry.tableLevels();
    this.depth = tl.size();
    this.shift = new int[depth];
    this.mask = new long[depth];
    this.span = new long[depth];
    this.levels = new PageLevel[depth];
    this.counted = new boolean[depth];
    this.hugePmd = depth > 1 && tl.get(depth - 2).leafSize() != 0;
    for (int d = 0; d < depth; d++) {
      LevelGeometry l = tl.get(d);
      shift[d] = l.shift();
      mask[d] = l.entries() - 1;
      span[d] = 1L << l.shift();
      levels[d] = l.level();
      counted[d] = l.level() == PageLevel.PUD || l.level() == PageLevel.PMD || l.level() == PageLevel.PTE;
    }
    this.userRootEntries = (int) Math.min(mask[0] + 1, ((userLimit - 1) >>> shift[0]) + 1);
    this.rootPfn = mustAlloc();
    for (int i = 0; i < preallocatedUserEntries; i++) {
      int t = mustAlloc();
      store.set(store.base(rootPfn) + i, format.encode(t, TABLE_FLAGS));
      account(1, +1);
    }
    int extra = Math.max(0, preallocatedTables - preallocatedUserEntries);
    this.extraTables = new int[extra];
    for (int i = 0; i < extra; i++) {
      extraTables[i] = mustAlloc();
      tableBytes += 4096;
    }
  }

  private int mustAlloc() {
    int pfn = store.allocTable();
    if (pfn < 0) {
      throw new IllegalStateException("out of memory allocating a page table");
    }
    return pfn;
  }

  private void account(int d, int sign) {
    if (counted[d]) {
      tableBytes += sign * 4096L;
    }
  }

  /** Tables walked (2 on IA-32 2-level ... 5 on LA57). */
  public int depth() {
    return depth;
  }

  /** The depth of PTE tables (depth - 1). */
  public int pteDepth() {
    return depth - 1;
  }

  /**
   * Whether the entries that point to PTE tables (Linux's pmd; the pgd itself where the pmd is
   * folded, as on IA-32 2-level) can map a huge page instead: what THP needs (PSE).
   */
  public boolean hugePmd() {
    return hugePmd;
  }

  /** HPAGE_PMD_NR: base pages one such entry maps (1024 on IA-32 2-level, 512 elsewhere). */
  public int hugePmdPages() {
    return (int) (span[depth - 2] >>> 12);
  }

  /** The Linux level of a depth. */
  public PageLevel level(int d) {
    return levels[d];
  }

  /** The depth whose entries are at {@code level}, folding into the parent: -1 if none. */
  public int depthOf(PageLevel level) {
    for (int d = depth - 1; d >= 0; d--) {
      if (levels[d].ordinal() <= level.ordinal()) {
        return d;
      }
    }
    return 0;
  }

  /** Bytes one entry at depth {@code d} maps. */
  public long span(int d) {
    return span[d];
  }

  /** The index at depth {@code d} of {@code va}. */
  public int index(int d, long va) {
    return (int) ((va >>> shift[d]) & mask[d]);
  }

  /** mm_pgtables_bytes(): what VmPTE shows. */
  public long tableBytes() {
    return tableBytes;
  }

  /** The entry format. */
  public EntryFormat format() {
    return format;
  }

  /** The entry at position {@code pos} (from {@link #lookup} or {@link #populate}). */
  public long entry(int pos) {
    return store.get(pos);
  }

  /** Writes the entry at position {@code pos}. */
  public void setEntry(int pos, long value) {
    store.set(pos, value);
  }

  /**
   * The position of the leaf entry for {@code va}: the PTE, or a huge entry higher up. -1 if a
   * table on the way is missing. The entry itself may be none.
   */
  public int lookup(long va) {
    int pos = store.base(rootPfn) + (int) ((va >>> shift[0]) & mask[0]);
    for (int d = 1; d < depth; d++) {
      long entry = store.get(pos);
      if (!format.present(entry)) {
        return -1;
      }
      if ((format.flags(entry) & PteFlags.HUGE) != 0) {
        return pos;
      }
      pos = store.base((int) format.pfn(entry)) + (int) ((va >>> shift[d]) & mask[d]);
    }
    return pos;
  }

  /** The depth of the entry at the end of {@link #lookup}: pteDepth(), or less for a huge entry. */
  public int leafDepth(long va) {
    int pos = store.base(rootPfn) + (int) ((va >>> shift[0]) & mask[0]);
    for (int d = 1; d < depth; d++) {
      long entry = store.get(pos);
      if (!format.present(entry) || (format.flags(entry) & PteFlags.HUGE) != 0) {
        return d - 1;
      }
      pos = store.base((int) format.pfn(entry)) + (int) ((va >>> shift[d]) & mask[d]);
    }
    return depth - 1;
  }

  /**
   * The position of the entry at depth {@code d} for {@code va} if the tables above it exist
   * (no allocation), else -1. A huge entry above depth d also gives -1.
   */
  public int find(long va, int d) {
    int pos = store.base(rootPfn) + (int) ((va >>> shift[0]) & mask[0]);
    for (int i = 1; i <= d; i++) {
      long entry = store.get(pos);
      if (!format.present(entry) || (format.flags(entry) & PteFlags.HUGE) != 0) {
        return -1;
      }
      pos = store.base((int) format.pfn(entry)) + (int) ((va >>> shift[i]) & mask[i]);
    }
    return pos;
  }

  /**
   * Allocates the tables down to depth {@code target} (pud_alloc, pmd_alloc, pte_alloc) and
   * returns the position of the entry for {@code va} at that depth; -1 if memory is exhausted
   * or a huge entry is in the way.
   */
  public int populate(long va, int target) {
    int pos = store.base(rootPfn) + (int) ((va >>> shift[0]) & mask[0]);
    for (int d = 1; d <= target; d++) {
      long entry = store.get(pos);
      if (!format.present(entry)) {
        int t = store.allocTable();
        if (t < 0) {
          return -1;
        }
        store.set(pos, format.encode(t, TABLE_FLAGS));
        account(d, +1);
        entry = store.get(pos);
      } else if ((format.flags(entry) & PteFlags.HUGE) != 0) {
        return -1;
      }
      pos = store.base((int) format.pfn(entry)) + (int) ((va >>> shift[d]) & mask[d]);
    }
    return pos;
  }

  /** The entry at {@code level} for {@code va} (folded levels read their parent's), or 0. */
  public long entryAt(PageLevel level, long va) {
    int want = depthOf(level);
    int pos = store.base(rootPfn) + index(0, va);
    for (int d = 1; d <= want; d++) {
      long entry = store.get(pos);
      if (!format.present(entry) || (format.flags(entry) & PteFlags.HUGE) != 0) {
        return 0;
      }
      pos = store.base((int) format.pfn(entry)) + index(d, va);
    }
    return store.get(pos);
  }

  /**
   * Writes the entry at {@code level} for {@code va}; the tables above it must exist. Returns
   * false if they do not. (Used to copy kernel entries from the reference table.)
   */
  public boolean setEntryAt(PageLevel level, long va, long value) {
    int want = depthOf(level);
    int pos = store.base(rootPfn) + index(0, va);
    for (int d = 1; d <= want; d++) {
      long entry = store.get(pos);
      if (!format.present(entry)) {
        return false;
      }
      pos = store.base((int) format.pfn(entry)) + index(d, va);
    }
    store.set(pos, value);
    return true;
  }

  /** Visits present or swap leaf entries in a range. */
  public interface LeafVisitor {
    /**
     * @param va the address the entry maps (a huge entry: its first address)
     * @param pos the entry's position
     * @param d the entry's depth ({@link #pteDepth()} for a PTE)
     */
    void visit(long va, int pos, int d);
  }

  /** Calls {@code v} for every non-none leaf entry mapping [start, end), in address order. */
  public void forEachLeaf(long start, long end, LeafVisitor v) {
    walk(0, store.base(rootPfn), start, end, v);
  }

  /**
   * Calls {@code v} with an address of each PTE table that maps part of [start, end) (the
   * entries one level up that point to a table, not to a huge page).
   */
  public void forEachPteTable(long start, long end, java.util.function.LongConsumer v) {
    if (depth > 1) {
      walkTables(0, store.base(rootPfn), start, end, v);
    }
  }

  private void walkTables(int d, int tableBase, long start, long end, java.util.function.LongConsumer v) {
    long addr = start;
    while (Long.compareUnsigned(addr, end) < 0) {
      long next = (addr & ~(span[d] - 1)) + span[d];
      if (next == 0 || Long.compareUnsigned(next, end) > 0) {
        next = end;
      }
      long entry = store.get(tableBase + (int) ((addr >>> shift[d]) & mask[d]));
      if (entry != 0 && format.present(entry) && (format.flags(entry) & PteFlags.HUGE) == 0) {
        if (d == depth - 2) {
          v.accept(addr);
        } else {
          walkTables(d + 1, store.base((int) format.pfn(entry)), addr, next, v);
        }
      }
      addr = next;
    }
  }

  private void walk(int d, int tableBase, long start, long end, LeafVisitor v) {
    long addr = start;
    while (Long.compareUnsigned(addr, end) < 0) {
      long next = (addr & ~(span[d] - 1)) + span[d];
      if (next == 0 || Long.compareUnsigned(next, end) > 0) {
        next = end;
      }
      int pos = tableBase + (int) ((addr >>> shift[d]) & mask[d]);
      long entry = store.get(pos);
      if (entry != 0) {
        // A huge leaf counts when present or PROT_NONE (pmd_present() accepts _PAGE_PROTNONE).
        int ef = format.flags(entry);
        if (d == depth - 1 || ((ef & PteFlags.HUGE) != 0 && (format.present(entry) || (ef & PteFlags.PROTNONE) != 0))) {
          v.visit(addr & ~(span[d] - 1), pos, d);
        } else if (format.present(entry)) {
          walk(d + 1, store.base((int) format.pfn(entry)), addr, next, v);
        }
      }
      addr = next;
    }
  }

  /**
   * free_pgd_range(): frees the page tables that map only [addr, end), given that nothing is
   * mapped in [floor, addr) and [end, ceiling) (ceiling 0 = the top of the address space).
   * Leaf entries in the range must already be cleared.
   */
  public void freeRange(long addr, long end, long floor, long ceiling) {
    long pmdSpan = span[depth - 2 < 0 ? 0 : depth - 2];
    addr &= ~(pmdSpan - 1);
    if (Long.compareUnsigned(addr, floor) < 0) {
      addr += pmdSpan;
      if (addr == 0) {
        return;
      }
    }
    if (ceiling != 0) {
      ceiling &= ~(pmdSpan - 1);
      if (ceiling == 0) {
        return;
      }
    }
    if (Long.compareUnsigned(end - 1, ceiling - 1) > 0) {
      end -= pmdSpan;
    }
    if (Long.compareUnsigned(addr, end - 1) > 0) {
      return;
    }
    freeLevel(0, store.base(rootPfn), addr, end, floor, ceiling);
  }

  /** free_{p4d,pud,pmd}_range(): the tables below depth d's entries in [addr, end). */
  private void freeLevel(int d, int tableBase, long addr, long end, long floor, long ceiling) {
    long a = addr;
    do {
      long next = (a & ~(span[d] - 1)) + span[d];
      if (next == 0 || Long.compareUnsigned(next, end) > 0 || next == 0) {
        next = end;
      }
      int pos = tableBase + (int) ((a >>> shift[d]) & mask[d]);
      long entry = store.get(pos);
      if (format.present(entry) && (format.flags(entry) & PteFlags.HUGE) == 0) {
        int child = (int) format.pfn(entry);
        if (d + 1 == depth - 1) {
          // free_pte_range(): a PTE table in the range goes unconditionally.
          store.set(pos, 0);
          store.freeTable(child);
          account(d + 1, -1);
        } else {
          freeLevel(d + 1, store.base(child), a, next, floor, ceiling);
          freeChildIfCovered(d, pos, child, a, next, floor, ceiling);
        }
      }
      a = next;
    } while (a != end);
  }

  /** The tail of free_pmd_range() and its siblings: free the child table if the range covers it. */
  private void freeChildIfCovered(int d, int pos, int child, long addr, long end, long floor, long ceiling) {
    long start = addr & ~(span[d] - 1);
    if (Long.compareUnsigned(start, floor) < 0) {
      return;
    }
    if (ceiling != 0) {
      ceiling &= ~(span[d] - 1);
      if (ceiling == 0) {
        return;
      }
    }
    if (Long.compareUnsigned(end - 1, ceiling - 1) > 0) {
      return;
    }
    store.set(pos, 0);
    store.freeTable(child);
    account(d + 1, -1);
  }

  /**
   * pgtable_trans_huge_deposit(): a PTE table set aside (and counted) for the huge PMD entry at
   * {@code pmdPos}, for a later split. False if memory is exhausted.
   */
  public boolean depositTable(int pmdPos) {
    int t = store.allocTable();
    if (t < 0) {
      return false;
    }
    deposited.put(pmdPos, t);
    account(depth - 1, +1);
    return true;
  }

  /** Re-deposits a table under a huge PMD that moved (move_huge_pmd). */
  public void depositExisting(int pmdPos, int pfn) {
    deposited.put(pmdPos, pfn);
  }

  /** pgtable_trans_huge_withdraw(): the deposited table of a huge PMD, or -1. */
  public int withdrawTable(int pmdPos) {
    Integer t = deposited.remove(pmdPos);
    return t == null ? -1 : t;
  }

  /** Frees a withdrawn table (zap_huge_pmd: pte_free + mm_dec_nr_ptes). */
  public void freeWithdrawn(int pfn) {
    store.freeTable(pfn);
    account(depth - 1, -1);
  }

  /** Installs a withdrawn table under the PMD entry at {@code pmdPos} (__split_huge_pmd). */
  public void installWithdrawn(int pmdPos, int pfn) {
    store.set(pmdPos, format.encode(pfn, TABLE_FLAGS));
  }

  /** The position of entry {@code index} of the table the entry at {@code pos} points at. */
  public int childPos(int pos, int index) {
    return store.base((int) format.pfn(store.get(pos))) + index;
  }

  /** pgd_free() after the last unmap: frees the user tables, the preallocated ones and the root. */
  public void destroy() {
    int root = store.base(rootPfn);
    for (int i = 0; i < userRootEntries; i++) {
      long entry = store.get(root + i);
      if (format.present(entry) && (format.flags(entry) & PteFlags.HUGE) == 0 && depth > 1) {
        destroyTable(1, (int) format.pfn(entry));
      }
      store.set(root + i, 0);
    }
    for (int t : extraTables) {
      store.freeTable(t);
    }
    for (int t : deposited.values()) {
      store.freeTable(t);
    }
    deposited.clear();
    store.freeTable(rootPfn);
    tableBytes = 0;
  }

  private void destroyTable(int d, int pfn) {
    if (d < depth - 1) {
      int base = store.base(pfn);
      for (int i = 0; i <= mask[d]; i++) {
        long entry = store.get(base + i);
        if (format.present(entry) && (format.flags(entry) & PteFlags.HUGE) == 0) {
          destroyTable(d + 1, (int) format.pfn(entry));
        }
      }
    }
    store.freeTable(pfn);
    account(d, -1);
  }

  /** Root entries that belong to user space (the rest point at the kernel's tables). */
  public int userRootEntries() {
    return userRootEntries;
  }

  /** Copies root entries [from, to) from another table (pgd_ctor: the kernel's half). */
  public void copyRootEntries(PageTable from, int first, int last) {
    int a = store.base(from.rootPfn);
    int b = store.base(rootPfn);
    store.copy(a + first, b + first, last - first);
  }

  /** Counted table pages, recounted by walking the table (for invariant checks). */
  public long recountTableBytes() {
    long bytes = (long) (extraTables.length + deposited.size()) * 4096;
    int root = store.base(rootPfn);
    for (int i = 0; i < userRootEntries; i++) {
      long entry = store.get(root + i);
      if (depth > 1 && format.present(entry) && (format.flags(entry) & PteFlags.HUGE) == 0) {
        bytes += recount(1, (int) format.pfn(entry));
      }
    }
    return bytes;
  }

  private long recount(int d, int pfn) {
    long bytes = counted[d] ? 4096 : 0;
    if (d < depth - 1) {
      int base = store.base(pfn);
      for (int i = 0; i <= mask[d]; i++) {
        long entry = store.get(base + i);
        if (format.present(entry) && (format.flags(entry) & PteFlags.HUGE) == 0) {
          bytes += recount(d + 1, (int) format.pfn(entry));
        }
      }
    }
    return bytes;
  }
}
