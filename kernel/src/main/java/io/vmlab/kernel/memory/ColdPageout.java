package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import java.util.ArrayList;
import java.util.List;

/**
 * MADV_COLD and MADV_PAGEOUT: madvise_cold_or_pageout_pte_range() of mm/madvise.c (6.1). Pages
 * mapped only here lose their accessed bits and PG_referenced; with pageout they then go
 * through reclaim ({@link Reclaim#pageOut}). A huge page only partly in the range is split
 * first; pages mapped elsewhere too, and the zero page, are left alone.
 */
final class ColdPageout {
  private final MemoryManager mm;
  private final PhysicalMemory mem;
  private final EntryFormat format;

  ColdPageout(MemoryManager mm, PhysicalMemory mem, EntryFormat format) {
    this.mm = mm;
    this.mem = mem;
    this.format = format;
  }

  void run(MmStruct m, Vma vma, long start, long end, boolean pageout, Reclaim reclaim) {
    mm.drainLru();
    PageTable pt = m.pageTable();
    int pmdDepth = pt.pteDepth() - 1;
    long pmdSize = pt.span(pmdDepth);
    // Huge pages the range covers only in part are split first (split_huge_page()).
    List<long[]> partial = new ArrayList<>();
    pt.forEachLeaf(start, end, (va, pos, d) -> {
      long e = pt.entry(pos);
      if (d == pmdDepth && d < pt.pteDepth() && normal(e) && mem.mapcount((int) format.pfn(e)) == 1) {
        long haddr = va & ~(pmdSize - 1);
        if (haddr < start || haddr + pmdSize > end) {
          partial.add(new long[] {pos, haddr});
        }
      }
    });
    for (long[] p : partial) {
      mm.splitHugePmd(m, (int) p[0], p[1]);
    }
    List<Integer> isolated = new ArrayList<>();
    pt.forEachLeaf(start, end, (va, pos, d) -> {
      long e = pt.entry(pos);
      if (!normal(e)) {
        return;
      }
      int pfn = (int) format.pfn(e);
      if (mem.mapcount(pfn) != 1) {
        return;
      }
      int f = format.flags(e);
      if ((f & PteFlags.ACCESSED) != 0) {
        pt.setEntry(pos, format.encode(pfn, f & ~PteFlags.ACCESSED));
        mm.flushTlb(m, va, va + pt.span(d));
      }
      mem.clear(pfn, PageFlags.REFERENCED);
      if (pageout) {
        isolated.add(pfn);
      }
    });
    for (int pfn : isolated) {
      reclaim.pageOut(pfn);
    }
  }

  /** vm_normal_page(): a present entry of a real page (not the zero page, not special). */
  private boolean normal(long e) {
    return e != 0 && format.present(e) && (format.flags(e) & PteFlags.SPECIAL) == 0;
  }
}
