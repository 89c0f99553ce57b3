package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import io.vmlab.kernel.swap.SwapEntry;
import io.vmlab.kernel.swap.SwapSpace;

/**
 * do_swap_page() of mm/memory.c (6.1): a swap entry in the PTE. The page is taken from the swap
 * cache (a minor fault) or read from swap into it (a major fault) and mapped again; the PTE lets
 * go of the slot. The swap-cache copy is dropped when nothing else names the slot and the fault
 * writes an otherwise unused page, or swap is over half full, or the VMA is locked. A page that
 * was exclusive when swapped out is mapped writable on a write; a shared one goes through
 * do_wp_page() like any COW page.
 */
final class SwapIn implements FaultHandler.SwapIn {
  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final Pages pages;
  private final SwapSpace swap;
  private final FaultHandler faults;

  SwapIn(Kernel kernel, Pages pages, SwapSpace swap, FaultHandler faults) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
    this.pages = pages;
    this.swap = swap;
    this.faults = faults;
  }

  @Override
  public int swapIn(MmStruct mm, Vma vma, long addr, int pos, long pte, int flags) {
    long entry = format.swapEntry(pte);
    int slot = SwapEntry.slot(entry);
    boolean exclusive = SwapEntry.exclusive(entry);
    int pfn = swap.cached(slot);
    boolean major = false;
    kernel.vmaOps().anonVmaPrepare(vma);
    if (pfn < 0) {
      pfn = pages.lru().allocate();
      if (pfn < 0) {
        return Fault.OOM;
      }
      mem.set(pfn, PageFlags.ANON | PageFlags.SWAPBACKED | PageFlags.UPTODATE | PageFlags.SWAPCACHE);
      // __page_set_anon_rmap(): a page not exclusive to this VMA belongs to the fork family's root.
      mem.setMapping(pfn, (exclusive ? vma.anonVma() : vma.anonVma().root()).id());
      mem.setIndex(pfn, vma.pgoffOf(addr));
      mem.contents().put(pfn, swap.readIn(slot));
      swap.addToCache(slot, pfn);
      pages.lru().add(pfn);
      major = true;
    }
    boolean write = (flags & Fault.WRITE) != 0;
    boolean unmapped = mem.mapcount(pfn) == 0;
    mem.get(pfn);
    swap.free(slot);
    if (shouldTryToFreeSwap(vma, write, unmapped) && swap.count(slot) == 0) {
      swap.removeFromCache(pfn);
      mem.clear(pfn, PageFlags.SWAPCACHE);
      mem.put(pfn);
    }
    mem.addMapcount(pfn, 1);
    mm.rss().addFast(RssStat.ANON, 1);
    mm.rss().addFast(RssStat.SWAPENTS, -1);
    int f = faults.pageProt(vma);
    if (exclusive) {
      mem.set(pfn, PageFlags.ANON_EXCLUSIVE);
      if (faults.policyStudy && vma.has(VmFlags.WRITE)) {
        f |= PteFlags.RW;
      }
      if (write) {
        f |= PteFlags.DIRTY;
        if (vma.has(VmFlags.WRITE)) {
          f |= PteFlags.RW;
        }
        mem.set(pfn, PageFlags.DIRTY);
      }
    }
    mm.pageTable().setEntry(pos, format.encode(pfn, f));
    int r = major ? Fault.MAJOR : Fault.OK;
    if (write && !exclusive) {
      // The write fault is finished in place, as a COW of the page just mapped.
      int w = faults.doWpPage(mm, vma, addr, pos, flags);
      r = (w & Fault.ERROR) != 0 ? w : r;
    }
    return r;
  }

  /** should_try_to_free_swap(): the refcount test stands for "no one else holds the page". */
  private boolean shouldTryToFreeSwap(Vma vma, boolean write, boolean unmapped) {
    return swap.full() || vma.has(VmFlags.LOCKED) || (write && unmapped);
  }
}
