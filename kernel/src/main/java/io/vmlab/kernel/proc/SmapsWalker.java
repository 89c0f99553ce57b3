package io.vmlab.kernel.proc;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import io.vmlab.kernel.swap.SwapCounts;
import io.vmlab.kernel.swap.SwapEntry;

/**
 * smap_gather_stats(): walks a VMA's page table and accounts each mapped page as
 * smaps_account() does (the zero page and other special PTEs are not counted; Pss divides a page
 * among the PTEs that map it unless its refcount is 1).
 */
public final class SmapsWalker {
  private final Kernel kernel;
  private final EntryFormat format;
  private final PhysicalMemory mem;
  private final boolean hidesProtNoneHuge;

  public SmapsWalker(Kernel kernel) {
    this.kernel = kernel;
    this.format = kernel.arch().entryFormat();
    this.mem = kernel.memory();
    // 6.1 smaps_pmd_entry(): follow_trans_huge_pmd(FOLL_DUMP) skips a PROT_NONE huge PMD where
    // pmd_protnone() is real (NUMA balancing: 64-bit kernels); 6.18's vm_normal_page_pmd() counts it.
    this.hidesProtNoneHuge = kernel.arch().kernelPointerBytes() == 8 && !kernel.version().atLeast(6, 18);
  }

  /** The stats of one VMA. */
  public MemStats gather(MmStruct mm, Vma vma) {
    MemStats s = new MemStats();
    PageTable pt = mm.pageTable();
    boolean locked = vma.has(VmFlags.LOCKED);
    SwapCounts swap = kernel.swapCounts();
    pt.forEachLeaf(vma.start(), vma.end(), (va, pos, d) -> {
      long e = pt.entry(pos);
      int f = format.flags(e);
      boolean mapped = format.present(e) || (f & PteFlags.PROTNONE) != 0;
      if (!mapped) {
        if (format.isSwap(e)) {
          s.swap += 4096;
          int count = swap == null ? 1 : swap.count(SwapEntry.slot(format.swapEntry(e)));
          s.swapPss += count >= 2 ? (4096L << MemStats.PSS_SHIFT) / count : 4096L << MemStats.PSS_SHIFT;
        }
        return;
      }
      if ((f & PteFlags.SPECIAL) != 0) {
        return;
      }
      int pfn = (int) format.pfn(e);
      boolean young = (f & PteFlags.ACCESSED) != 0;
      boolean dirty = (f & PteFlags.DIRTY) != 0;
      if (d < pt.pteDepth() && (f & PteFlags.PROTNONE) != 0 && hidesProtNoneHuge) {
        return;
      }
      if (d < pt.pteDepth()) {
        long size = pt.span(d);
        if (mem.test(pfn, PageFlags.ANON)) {
          s.anonymousThp += size;
        } else if (mem.test(pfn, PageFlags.SWAPBACKED)) {
          s.shmemThp += size;
        } else {
          s.fileThp += size;
        }
        account(s, pfn, (int) (size >>> 12), young, dirty, locked);
      } else {
        account(s, pfn, 1, young, dirty, locked);
      }
    });
    return s;
  }

  /** smaps_account(). */
  private void account(MemStats s, int pfn, int nr, boolean young, boolean dirty, boolean locked) {
    long size = (long) nr * 4096;
    boolean anon = mem.test(pfn, PageFlags.ANON);
    if (anon) {
      s.anonymous += size;
      if (!mem.test(pfn, PageFlags.SWAPBACKED) && !dirty && !mem.test(pfn, PageFlags.DIRTY)) {
        s.lazyfree += size;
      }
    }
    s.resident += size;
    if (young || mem.test(pfn, PageFlags.REFERENCED)) {
      s.referenced += size;
    }
    if (mem.refcount(pfn) == 1) {
      // size << PSS_SHIFT is an unsigned long: 0 for a huge page on a 32-bit kernel (its Pss,
      // Pss_Dirty and Locked stay 0, as the 686 and 686-pae kernels show).
      accumulate(s, pfn, size, kernel.ulong(size << MemStats.PSS_SHIFT), dirty, locked, true);
      return;
    }
    for (int i = 0; i < nr; i++) {
      int mapcount = mem.mapcount(pfn);
      long pss = 4096L << MemStats.PSS_SHIFT;
      if (mapcount >= 2) {
        pss /= mapcount;
      }
      accumulate(s, pfn, 4096, pss, dirty, locked, mapcount < 2);
    }
  }

  /** smaps_page_accumulate(). */
  private void accumulate(MemStats s, int pfn, long size, long pss, boolean dirty, boolean locked, boolean priv) {
    s.pss += pss;
    if (mem.test(pfn, PageFlags.ANON)) {
      s.pssAnon += pss;
    } else if (mem.test(pfn, PageFlags.SWAPBACKED)) {
      s.pssShmem += pss;
    } else {
      s.pssFile += pss;
    }
    if (locked) {
      s.pssLocked += pss;
    }
    if (dirty || mem.test(pfn, PageFlags.DIRTY)) {
      s.pssDirty += pss;
      if (priv) {
        s.privateDirty += size;
      } else {
        s.sharedDirty += size;
      }
    } else if (priv) {
      s.privateClean += size;
    } else {
      s.sharedClean += size;
    }
  }
}
