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
    splitPartialFileFolios(m, vma, start, end);
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

  /**
   * A large page-cache folio the range covers only in part, and that no other process maps, is
   * split first (split_folio()); splitting a file folio unmaps it from every mapping.
   */
  private void splitPartialFileFolios(MmStruct m, Vma vma, long start, long end) {
    if (vma.file() == null) {
      return;
    }
    io.vmlab.kernel.fs.Inode inode = vma.file().inode();
    PageTable pt = m.pageTable();
    List<Long> folios = new ArrayList<>();
    pt.forEachLeaf(start, end, (va, pos, d) -> {
      long e = pt.entry(pos);
      if (d != pt.pteDepth() || !normal(e) || mem.test((int) format.pfn(e), PageFlags.ANON)) {
        return;
      }
      long index = vma.pgoffOf(va);
      int n = inode.folioPages(index);
      long first = inode.folioStart(index);
      long a0 = va - ((index - first) << 12);
      long a1 = a0 + ((long) n << 12);
      boolean whole = a0 >= Math.max(start, vma.start()) && a1 <= Math.min(end, vma.end());
      if (n > 1 && !whole && mem.mapcount((int) format.pfn(e)) <= 1 && !folios.contains(first)) {
        folios.add(first);
      }
    });
    for (long first : folios) {
      new HolePunch(mm, mem, format, mm.pages(), mm.tlb()).unmapEverywhere(inode, first, first + inode.folioPages(first));
      inode.splitFolio(first);
    }
  }

  /** vm_normal_page(): a present entry of a real page (not the zero page, not special). */
  private boolean normal(long e) {
    return e != 0 && format.present(e) && (format.flags(e) & PteFlags.SPECIAL) == 0;
  }
}
