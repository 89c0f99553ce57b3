package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.fs.AddressSpace;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;

/**
 * fallocate(FALLOC_FL_PUNCH_HOLE) as MADV_REMOVE does it (vfs_fallocate): the file's pages in
 * the hole are unmapped from every mapping of the file (unmap_mapping_range() with even_cows =
 * 0: private copies stay) and read as zeros afterwards. A folio wholly inside the hole leaves the
 * page cache (shmem_truncate_range(), truncate_inode_pages_range()); a large folio only partly
 * inside is unmapped as a whole, its part in the hole zeroed, and stays cached
 * (truncate_inode_partial_folio()).
 */
final class HolePunch {
  private final MemoryManager mm;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final Pages pages;
  private final Tlb tlb;

  HolePunch(MemoryManager mm, PhysicalMemory mem, EntryFormat format, Pages pages, Tlb tlb) {
    this.mm = mm;
    this.mem = mem;
    this.format = format;
    this.pages = pages;
    this.tlb = tlb;
  }

  /** Punches the file pages [first, end). */
  void punch(Inode inode, long first, long end) {
    mm.drainLru();
    AddressSpace as = inode.mapping();
    long index = first;
    while (index < end) {
      long fStart = inode.folioStart(index);
      long fEnd = fStart + inode.folioPages(index);
      boolean whole = fStart >= first && fEnd <= end;
      unmapEverywhere(inode, fStart, fEnd);
      for (long i = Math.max(fStart, first); i < Math.min(fEnd, end); i++) {
        inode.storePage(i, new byte[PhysicalMemory.PAGE_SIZE]);
        int pfn = as.find(i);
        if (pfn < 0) {
          continue;
        }
        if (whole) {
          mm.deleteFromPageCache(as, i, pfn);
        } else {
          mem.contents().fill(pfn, 0, PhysicalMemory.PAGE_SIZE);
        }
      }
      index = fEnd;
    }
  }

  /** unmap_mapping_range(even_cows = 0) of pages [first, end): only PTEs of the cached pages. */
  void unmapEverywhere(Inode inode, long first, long end) {
    AddressSpace as = inode.mapping();
    for (Vma v : as.vmas()) {
      long lo = Math.max(first, v.pgoff());
      long hi = Math.min(end, v.pgoff() + v.pages());
      if (lo >= hi) {
        continue;
      }
      MmStruct m = v.mm();
      PageTable pt = m.pageTable();
      long removed = 0;
      int counter = RssStat.FILE;
      for (long i = lo; i < hi; i++) {
        long va = v.start() + ((i - v.pgoff()) << 12);
        int pos = pt.lookup(va);
        long e = pos < 0 ? 0 : pt.entry(pos);
        int ef = e == 0 ? 0 : format.flags(e);
        if (e == 0 || !(format.present(e) || (ef & PteFlags.PROTNONE) != 0) || (ef & PteFlags.SPECIAL) != 0) {
          continue; // none, swap, or the zero page; PROT_NONE PTEs still map their page
        }
        int pfn = (int) format.pfn(e);
        if (pfn != as.find(i)) {
          continue; // a private copy (even_cows = 0 keeps it)
        }
        if ((format.flags(e) & PteFlags.DIRTY) != 0) {
          mem.set(pfn, PageFlags.DIRTY);
        }
        counter = mem.test(pfn, PageFlags.SWAPBACKED) ? RssStat.SHMEM : RssStat.FILE;
        pt.setEntry(pos, 0);
        pages.removeMap(pfn);
        tlb.flushRange(m.id(), va >>> 12, (va >>> 12) + 1);
        removed++;
      }
      if (removed != 0) {
        // zap_pte_range() -> add_mm_rss_vec(): syncs the task cache first on 6.1.
        if (m.rss().split()) {
          m.rss().sync();
        }
        m.rss().add(counter, -removed);
      }
    }
  }
}
