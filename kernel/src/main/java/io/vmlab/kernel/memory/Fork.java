package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import io.vmlab.kernel.swap.SwapEntry;

/**
 * copy_page_range() of mm/memory.c (6.1): copies the parent's PTEs of one VMA into the child.
 * Anonymous pages are shared and write-protected in both (COW), except pages that may be pinned
 * for DMA, which the child gets a copy of at once; file pages are shared; swap entries are
 * duplicated. The child's counters get the copied pages directly.
 */
final class Fork {
  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final Pages pages;
  private final MemoryManager mm;

  Fork(Kernel kernel, Pages pages, MemoryManager mm) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
    this.pages = pages;
    this.mm = mm;
  }

  /** GUP_PIN_COUNTING_BIAS: a pin adds this to the refcount (page_maybe_dma_pinned). */
  static final int PIN_BIAS = 1024;

  /** Copies {@code src}'s page table into {@code dst}'s for the range of {@code srcVma}. */
  void copyRange(MmStruct srcMm, Vma srcVma, MmStruct dstMm, Vma dstVma, boolean eagerPinnedCopy) {
    PageTable sp = srcMm.pageTable();
    PageTable dp = dstMm.pageTable();
    long[] rss = new long[4];
    boolean cow = (srcVma.flags() & (VmFlags.SHARED | VmFlags.MAYWRITE)) == VmFlags.MAYWRITE;
    int pteDepth = sp.pteDepth();
    // copy_pmd_range() -> copy_pte_range(): wherever the parent has a PTE table for the range,
    // the child gets one (pte_alloc_map_lock()) before any entry is looked at, even if none is set.
    sp.forEachPteTable(srcVma.start(), srcVma.end(), va -> {
      if (dp.populate(va, pteDepth) < 0) {
        throw new IllegalStateException("out of memory copying page tables");
      }
    });
    sp.forEachLeaf(srcVma.start(), srcVma.end(), (va, pos, d) -> {
      long e = sp.entry(pos);
      if (d < pteDepth) {
        copyHuge(sp, dp, srcVma, dstVma, va, pos, d, e, cow, rss);
        return;
      }
      int dpos = dp.populate(va, pteDepth);
      if (dpos < 0) {
        throw new IllegalStateException("out of memory copying page tables");
      }
      if (format.isSwap(e)) {
        // copy_nonpresent_pte(): the entry is shared now, so neither side may reuse it exclusively.
        long entry = format.swapEntry(e);
        kernel.swapDup(SwapEntry.slot(entry));
        if (SwapEntry.exclusive(entry)) {
          e = format.encodeSwap(SwapEntry.shared(entry));
          sp.setEntry(pos, e);
        }
        dp.setEntry(dpos, e);
        rss[RssStat.SWAPENTS]++;
        return;
      }
      if (!mm.mapped(e)) {
        return;
      }
      int f = format.flags(e);
      int pfn = (int) format.pfn(e);
      if ((f & PteFlags.SPECIAL) != 0) {
        dp.setEntry(dpos, format.encode(pfn, f & ~PteFlags.ACCESSED));
        return;
      }
      if (pages.anon(pfn)) {
        if (eagerPinnedCopy && srcMm.hasPinned() && mem.refcount(pfn) >= PIN_BIAS) {
          // copy_present_page(): the child gets its own copy now; the parent keeps its page.
          int copy = pages.allocAnon();
          if (copy < 0) {
            throw new IllegalStateException("out of memory copying a pinned page");
          }
          pages.copy(pfn, copy);
          kernel.vmaOps().anonVmaPrepare(dstVma);
          pages.addNewAnon(copy, dstVma, va);
          int nf = (f | PteFlags.DIRTY) & ~PteFlags.ACCESSED;
          if (dstVma.has(VmFlags.WRITE)) {
            nf |= PteFlags.RW;
          }
          dp.setEntry(dpos, format.encode(copy, nf));
          rss[RssStat.ANON]++;
          return;
        }
        pages.dupMap(pfn);
        rss[RssStat.ANON]++;
      } else {
        mem.get(pfn);
        mem.addMapcount(pfn, 1);
        rss[mm.faults().fileCounter(pfn)]++;
      }
      if (cow && (f & PteFlags.RW) != 0) {
        f &= ~PteFlags.RW;
        sp.setEntry(pos, format.encode(pfn, f));
      }
      int cf = f & ~PteFlags.ACCESSED;
      if (srcVma.has(VmFlags.SHARED)) {
        cf &= ~PteFlags.DIRTY;
      }
      dp.setEntry(dpos, format.encode(pfn, cf));
    });
    for (int i = 0; i < 4; i++) {
      if (rss[i] != 0) {
        dstMm.rss().add(i, rss[i]);
      }
    }
  }

  /** copy_huge_pmd(): shares an anonymous THP write-protected, with a deposited table for the child. */
  private void copyHuge(PageTable sp, PageTable dp, Vma srcVma, Vma dstVma, long va, int pos, int d,
      long e, boolean cow, long[] rss) {
    int dpos = dp.populate(va, d);
    if (dpos < 0 || !dp.depositTable(dpos)) {
      throw new IllegalStateException("out of memory copying a huge page mapping");
    }
    int head = (int) format.pfn(e);
    int f = format.flags(e);
    if ((f & PteFlags.SPECIAL) == 0) {
      pages.dupMap(head);
      rss[RssStat.ANON] += dp.hugePmdPages();
    }
    if (cow) {
      f &= ~PteFlags.RW;
      sp.setEntry(pos, format.encode(head, f));
    }
    dp.setEntry(dpos, format.encode(head, f & ~PteFlags.ACCESSED));
  }
}
