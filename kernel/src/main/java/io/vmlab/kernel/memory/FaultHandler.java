package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;

/**
 * handle_mm_fault() of mm/memory.c (6.1): the generic part of a page fault once the VMA is
 * known and allowed. Anonymous faults (zero page on read, a new page on write), file faults
 * (fault-around, COW for private writes, shared writes), write-protect faults (reuse by
 * PageAnonExclusive or the refcount, else copy), and anonymous THP where the PMD level can map.
 */
final class FaultHandler {
  private final Kernel kernel;
  private final Pages pages;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final ProtectionMap prot;
  private final Tlb tlb;
  /** Swap-in, when a swap entry is found (set by the reclaim layer). */
  SwapIn swapIn;
  /** Policy study: no fault-around, and no zero page (every first touch allocates a page). */
  boolean policyStudy;

  FaultHandler(Kernel kernel, Pages pages, ProtectionMap prot, Tlb tlb) {
    this.kernel = kernel;
    this.pages = pages;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
    this.prot = prot;
    this.tlb = tlb;
  }

  /** Brings a swapped-out page back (do_swap_page). */
  interface SwapIn {
    int swapIn(MmStruct mm, Vma vma, long addr, int pos, long entry, int flags);
  }

  ProtectionMap protection() {
    return prot;
  }

  /**
   * vma->vm_page_prot: the protection map, less write permission where the kernel wants to see
   * the first write (vma_wants_writenotify: shared writable mappings of files with writeback,
   * such as ext4; tmpfs and shmem have none).
   */
  int pageProt(Vma vma) {
    int p = prot.of(vma.flags());
    if ((p & PteFlags.RW) != 0 && vma.file() != null && !vma.file().inode().shmem()) {
      p &= ~PteFlags.RW;
    }
    return p;
  }

  /** handle_mm_fault(): counts the event for the RSS batching, then __handle_mm_fault(). */
  int handleMmFault(MmStruct mm, Vma vma, long addr, int flags) {
    mm.rss().faultEvent();
    PageTable pt = mm.pageTable();
    if (!pages.lru().reserve(pt.pteDepth() + 1)) {
      return Fault.OOM;
    }
    int pmdDepth = pt.depthOf(PageLevel.PMD);
    int pmdPos = pt.populate(addr, pmdDepth);
    if (pmdPos < 0) {
      return pt.lookup(addr) >= 0 && (format.flags(pt.entry(pt.lookup(addr))) & PteFlags.HUGE) != 0
          ? hugePmdFault(mm, vma, addr, pt.lookup(addr), flags) : Fault.OOM;
    }
    if (pmdDepth < pt.pteDepth()) {
      long pmd = pt.entry(pmdPos);
      if (pmd == 0 && thpEnabled(vma, addr, pt)) {
        int r = hugeAnonymousFault(mm, vma, addr, pmdPos, flags);
        if ((r & Fault.FALLBACK) == 0) {
          return r;
        }
      } else if (format.present(pmd) && (format.flags(pmd) & PteFlags.HUGE) != 0) {
        return hugePmdFault(mm, vma, addr, pmdPos, flags);
      }
    }
    return handlePteFault(mm, vma, addr, flags);
  }

  /** handle_pte_fault(). */
  private int handlePteFault(MmStruct mm, Vma vma, long addr, int flags) {
    PageTable pt = mm.pageTable();
    int pos = pt.lookup(addr);
    long pte = pos >= 0 ? pt.entry(pos) : 0;
    if (pte == 0) {
      return vma.isAnonymous() ? doAnonymousPage(mm, vma, addr, flags) : doFault(mm, vma, addr, flags);
    }
    if (!format.present(pte)) {
      if (format.isSwap(pte) && swapIn != null) {
        return swapIn.swapIn(mm, vma, addr, pos, pte, flags);
      }
      // A PROT_NONE PTE of an accessible VMA would be a NUMA hinting fault; vmlab has none.
      return Fault.OK;
    }
    int f = format.flags(pte);
    if ((flags & Fault.WRITE) != 0) {
      if ((f & PteFlags.RW) == 0) {
        return doWpPage(mm, vma, addr, pos, flags);
      }
      f |= PteFlags.DIRTY;
    }
    f |= PteFlags.ACCESSED;
    pt.setEntry(pos, format.encode(format.pfn(pte), f));
    return Fault.OK;
  }

  /** do_anonymous_page(). */
  private int doAnonymousPage(MmStruct mm, Vma vma, long addr, int flags) {
    if (vma.has(VmFlags.SHARED)) {
      return Fault.SIGBUS;
    }
    PageTable pt = mm.pageTable();
    int pos = pt.populate(addr, pt.pteDepth());
    if (pos < 0) {
      return Fault.OOM;
    }
    int vmProt = pageProt(vma);
    if ((flags & Fault.WRITE) == 0 && !policyStudy) {
      pt.setEntry(pos, format.encode(mem.zeroPfn(), vmProt | PteFlags.SPECIAL));
      return Fault.OK;
    }
    kernel.vmaOps().anonVmaPrepare(vma);
    int pfn = pages.allocAnon();
    if (pfn < 0) {
      return Fault.OOM;
    }
    int f = vmProt | ((flags & Fault.WRITE) != 0 ? PteFlags.DIRTY : 0);
    // Policy study has no zero page: a read maps a clean page writable, so a later write to
    // the resident page only sets the dirty bit (no second fault), as the textbook model has it.
    if (vma.has(VmFlags.WRITE) && ((flags & Fault.WRITE) != 0 || policyStudy)) {
      f |= PteFlags.RW;
    }
    mm.rss().addFast(RssStat.ANON, 1);
    pages.addNewAnon(pfn, vma, addr);
    if ((flags & Fault.WRITE) == 0) {
      mem.clear(pfn, PageFlags.DIRTY);
    }
    pt.setEntry(pos, format.encode(pfn, f));
    return Fault.OK;
  }

  private SpecialPageFault special;

  private SpecialPageFault special() {
    if (special == null) {
      special = new SpecialPageFault(kernel, pages);
    }
    return special;
  }

  /** do_fault(): read, private write (COW) or shared write of a file page. */
  private int doFault(MmStruct mm, Vma vma, long addr, int flags) {
    if (vma.file() == null) {
      if (!SpecialPageFault.handles(vma)) {
        return Fault.SIGBUS; // a special mapping without ->fault
      }
      int[] pos = {-1};
      int r = special().fault(mm, vma, addr, pos);
      // A write (after mprotect made the vDSO writable) copies the page: do_cow_fault().
      return r == Fault.OK && (flags & Fault.WRITE) != 0 ? doWpPage(mm, vma, addr, pos[0], flags) : r;
    }
    if ((flags & Fault.WRITE) == 0) {
      return doReadFault(mm, vma, addr);
    }
    if (!vma.has(VmFlags.SHARED)) {
      return doCowFault(mm, vma, addr);
    }
    return doSharedFault(mm, vma, addr);
  }

  /** do_read_fault(): fault-around first, then the page itself. */
  private int doReadFault(MmStruct mm, Vma vma, long addr) {
    MachineSpec.KernelSettings ks = kernel.spec().kernel();
    long bytes = ks.faultAroundBytes();
    int window = kernel.policies().faultAround().windowPages(bytes);
    if (window > 1 && !policyStudy) {
      int r = faultAround(mm, vma, addr, bytes, window);
      if (r != Fault.OK) {
        return r;
      }
    }
    Inode inode = vma.file().inode();
    long index = vma.pgoffOf(addr);
    boolean miss = inode.mapping().find(index) < 0 && !inode.shmem();
    int pfn = pages.cachePage(inode, index);
    if (pfn < 0) {
      return index >= inode.pages() ? Fault.SIGBUS : Fault.OOM;
    }
    if (miss) {
      // Held like filemap_fault()'s folio reference, so read-around's reclaim cannot take it.
      mem.get(pfn);
      readAround(inode, index, vma);
      pages.release(pfn);
    }
    PageTable pt = mm.pageTable();
    int pos = pt.populate(addr, pt.pteDepth());
    if (pos < 0) {
      return Fault.OOM;
    }
    finishFault(mm, vma, addr, pos, pfn, false);
    return miss ? Fault.MAJOR : Fault.OK;
  }

  /**
   * do_fault_around() + filemap_map_pages(): maps the cached pages of the window that have no
   * PTE yet. Returns NOPAGE if the faulting page was among them.
   */
  private int faultAround(MmStruct mm, Vma vma, long addr, long bytes, int window) {
    PageTable pt = mm.pageTable();
    long tableSpan = pt.span(pt.pteDepth() - 1);
    long start = kernel.policies().faultAround().windowStart(addr, vma.start(), vma.end(), tableSpan, bytes);
    long tableEnd = (start & ~(tableSpan - 1)) + tableSpan;
    long end = Math.min(Math.min(tableEnd, vma.end()), start + ((long) window << 12));
    Inode inode = vma.file().inode();
    long maxIdx = inode.pages();
    if (!inode.shmem() && kernel.version().atLeast(6, 18) && pt.lookup(start) < 0
        && reachesEof(inode, vma, start, end, maxIdx)) {
      // filemap_map_pages(): a first folio that reaches i_size skips filemap_map_pmd(), which
      // would have installed the PTE table; without one nothing is mapped around the fault.
      return Fault.OK;
    }
    int result = Fault.OK;
    int pos = -1;
    long[] mapped = clearedCounts();
    for (long a = start; a < end; a += 4096) {
      long index = vma.pgoffOf(a);
      if (index >= maxIdx) {
        break;
      }
      int pfn = inode.mapping().find(index);
      if (pfn < 0) {
        continue;
      }
      if (pos < 0) {
        pos = pt.populate(a, pt.pteDepth());
        if (pos < 0) {
          return Fault.OOM;
        }
      } else {
        pos = pt.lookup(a);
      }
      if (pt.entry(pos) != 0) {
        continue;
      }
      if (a == (addr & ~0xfffL)) {
        result = Fault.NOPAGE;
      }
      mapFilePte(vma, pt, pos, pfn, false);
      mapped[fileCounter(pfn)]++;
    }
    addRss(mm, mapped);
    return result == Fault.NOPAGE ? Fault.NOPAGE : Fault.OK;
  }

  /** Whether the first cached folio of the window ends at or past the file's last page. */
  private static boolean reachesEof(Inode inode, Vma vma, long start, long end, long maxIdx) {
    for (long a = start; a < end; a += 4096) {
      long index = vma.pgoffOf(a);
      if (index >= maxIdx) {
        return false;
      }
      if (inode.mapping().find(index) >= 0) {
        return inode.folioStart(index) + inode.folioPages(index) > maxIdx - 1;
      }
    }
    return false;
  }

  /**
   * do_sync_mmap_readahead(): a page read from storage brings its neighbours along (read-around
   * of ra_pages = 32 pages centred on the fault; none for MADV_RANDOM or in policy study).
   */
  private void readAround(Inode inode, long index, Vma vma) {
    if (policyStudy || vma.has(VmFlags.RAND_READ)) {
      return;
    }
    long start = Math.max(0, index - 16);
    long end = Math.min(inode.pages(), start + 32);
    for (long i = start; i < end; i++) {
      if (inode.mapping().find(i) < 0 && pages.cachePage(inode, i) < 0) {
        return;
      }
    }
  }

  /** do_set_pte() for a page-cache page mapped by a read or a shared write. */
  private void setFilePte(MmStruct mm, Vma vma, int pos, int pfn, boolean write) {
    mapFilePte(vma, mm.pageTable(), pos, pfn, write);
    mm.rss().addFast(fileCounter(pfn), 1);
  }

  /**
   * set_pte_range() of one page-cache page, without the RSS count: callers that map several
   * pages count them with one add_mm_counter(), as filemap_map_pages() and finish_fault() do
   * (on 6.2+ percpu counters one add of N differs from N adds of 1).
   */
  private void mapFilePte(Vma vma, PageTable pt, int pos, int pfn, boolean write) {
    int f = pageProt(vma);
    if (write) {
      f |= PteFlags.DIRTY;
      if (vma.has(VmFlags.WRITE)) {
        f |= PteFlags.RW;
      }
      mem.set(pfn, PageFlags.DIRTY);
    }
    pages.addFileMap(pfn);
    pt.setEntry(pos, format.encode(pfn, f));
  }

  /** Pages mapped per RSS counter by one fault-around or finish_fault() (reused: no allocation per fault). */
  private final long[] mappedCounts = new long[4];

  private long[] clearedCounts() {
    java.util.Arrays.fill(mappedCounts, 0);
    return mappedCounts;
  }

  /** add_mm_counter() of each non-zero count. */
  private static void addRss(MmStruct mm, long[] counts) {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        mm.rss().addFast(i, counts[i]);
      }
    }
  }

  /** mm_counter_file(): shmem or file. */
  int fileCounter(int pfn) {
    return mem.test(pfn, PageFlags.SWAPBACKED) ? RssStat.SHMEM : RssStat.FILE;
  }

  /** do_cow_fault(): a private write to a file page copies it into a new anonymous page. */
  private int doCowFault(MmStruct mm, Vma vma, long addr) {
    kernel.vmaOps().anonVmaPrepare(vma);
    Inode inode = vma.file().inode();
    long index = vma.pgoffOf(addr);
    if (index >= inode.pages()) {
      return Fault.SIGBUS;
    }
    int cow = pages.allocAnon();
    if (cow < 0) {
      return Fault.OOM;
    }
    int src = pages.cachePage(inode, index);
    if (src < 0) {
      pages.release(cow);
      return Fault.OOM;
    }
    pages.copy(src, cow);
    PageTable pt = mm.pageTable();
    int pos = pt.populate(addr, pt.pteDepth());
    if (pos < 0) {
      pages.release(cow);
      return Fault.OOM;
    }
    int f = pageProt(vma) | PteFlags.DIRTY;
    if (vma.has(VmFlags.WRITE)) {
      f |= PteFlags.RW;
    }
    mm.rss().addFast(RssStat.ANON, 1);
    pages.addNewAnon(cow, vma, addr);
    pt.setEntry(pos, format.encode(cow, f));
    return Fault.OK;
  }

  /**
   * do_shared_fault(): a shared write maps the page-cache page writable and dirties it
   * ({@link #finishFault}); from 6.18 dirtying any page dirties the folio.
   */
  private int doSharedFault(MmStruct mm, Vma vma, long addr) {
    Inode inode = vma.file().inode();
    long index = vma.pgoffOf(addr);
    int pfn = pages.cachePage(inode, index);
    if (pfn < 0) {
      return index >= inode.pages() ? Fault.SIGBUS : Fault.OOM;
    }
    PageTable pt = mm.pageTable();
    int pos = pt.populate(addr, pt.pteDepth());
    if (pos < 0) {
      return Fault.OOM;
    }
    finishFault(mm, vma, addr, pos, pfn, true);
    if (inode.folioPages(index) > 1 && kernel.version().atLeast(6, 18)) {
      dirtyFolio(inode, index);
    }
    return Fault.OK;
  }

  /**
   * finish_fault(): maps the page-cache page at {@code pos}; from 6.18 the whole large folio
   * holding it at once when the folio fits in the VMA and the page table (its pages get PTEs
   * where they have none), else the one page.
   */
  private void finishFault(MmStruct mm, Vma vma, long addr, int pos, int pfn, boolean write) {
    Inode inode = vma.file().inode();
    long index = vma.pgoffOf(addr);
    int nr = inode.folioPages(index);
    PageTable pt = mm.pageTable();
    if (nr > 1 && kernel.version().atLeast(6, 18)) {
      long idx = index - inode.folioStart(index);
      long vmaOff = (addr - vma.start()) >>> 12;
      long pteOff = pt.index(pt.pteDepth(), addr);
      long ptrs = pt.span(pt.pteDepth() - 1) >>> 12;
      if (vmaOff >= idx && vmaOff + (nr - idx) <= vma.pages() && pteOff >= idx && pteOff + (nr - idx) <= ptrs) {
        long first = addr - (idx << 12);
        long[] mapped = clearedCounts();
        for (int i = 0; i < nr; i++) {
          int p = pages.cachePage(inode, index - idx + i);
          if (p < 0) {
            continue;
          }
          int ppos = pt.lookup(first + ((long) i << 12));
          if (pt.entry(ppos) == 0) {
            mapFilePte(vma, pt, ppos, p, write);
            mapped[fileCounter(p)]++;
          } else if (write) {
            mem.set(p, PageFlags.DIRTY);
          }
        }
        addRss(mm, mapped);
        return;
      }
    }
    setFilePte(mm, vma, pos, pfn, write);
  }

  /** Marks every page of the folio holding page {@code index} dirty. */
  private void dirtyFolio(Inode inode, long index) {
    long base = inode.folioStart(index);
    for (int i = 0, n = inode.folioPages(index); i < n; i++) {
      int p = inode.mapping().find(base + i);
      if (p >= 0) {
        mem.set(p, PageFlags.DIRTY);
      }
    }
  }

  /** do_wp_page(): a write to a present, write-protected PTE. */
  int doWpPage(MmStruct mm, Vma vma, long addr, int pos, int flags) {
    PageTable pt = mm.pageTable();
    long pte = pt.entry(pos);
    int pfn = (int) format.pfn(pte);
    int f = format.flags(pte);
    boolean normal = (f & PteFlags.SPECIAL) == 0;
    if (vma.has(VmFlags.SHARED) || vma.has(VmFlags.MAYSHARE)) {
      // wp_page_shared(): make it writable and dirty (the whole folio: folio_mark_dirty()).
      if (normal) {
        mem.set(pfn, PageFlags.DIRTY);
        if (vma.file() != null && kernel.version().atLeast(6, 18)) {
          dirtyFolio(vma.file().inode(), vma.pgoffOf(addr));
        }
      }
      reuse(pt, pos, pfn, f, vma);
      return Fault.OK;
    }
    if (normal && pages.anon(pfn)) {
      if (mem.test(pfn, PageFlags.ANON_EXCLUSIVE)) {
        reuse(pt, pos, pfn, f, vma);
        return Fault.OK;
      }
      int swapcache = mem.test(pfn, PageFlags.SWAPCACHE) ? 1 : 0;
      if (mem.refcount(pfn) <= 3 && mem.refcount(pfn) <= 1 + swapcache) {
        if (swapcache == 1 && kernel.pageOps() instanceof MemoryManager mm2) {
          mm2.freeSwapOf(pfn);
        }
        if (mem.refcount(pfn) == 1) {
          pages.moveAnon(pfn, vma);
          reuse(pt, pos, pfn, f, vma);
          return Fault.OK;
        }
      }
    }
    return wpPageCopy(mm, vma, addr, pos, pfn, normal);
  }

  /** wp_page_reuse(): the same frame, now writable, young and dirty. */
  private void reuse(PageTable pt, int pos, int pfn, int f, Vma vma) {
    f |= PteFlags.ACCESSED | PteFlags.DIRTY;
    if (vma.has(VmFlags.WRITE)) {
      f |= PteFlags.RW;
    }
    pt.setEntry(pos, format.encode(pfn, f));
  }

  /** wp_page_copy(): a new anonymous page replaces the mapped one (zero page, file page or shared anon). */
  private int wpPageCopy(MmStruct mm, Vma vma, long addr, int pos, int oldPfn, boolean oldNormal) {
    kernel.vmaOps().anonVmaPrepare(vma);
    if (oldNormal) {
      // do_wp_page() holds the old page while the new one is allocated (and reclaim runs).
      mem.get(oldPfn);
    }
    int pfn = pages.allocAnon();
    if (oldNormal) {
      pages.release(oldPfn);
    }
    if (pfn < 0) {
      return Fault.OOM;
    }
    if (oldNormal) {
      pages.copy(oldPfn, pfn);
      if (!pages.anon(oldPfn)) {
        mm.rss().addFast(fileCounter(oldPfn), -1);
        mm.rss().addFast(RssStat.ANON, 1);
      }
    } else {
      mm.rss().addFast(RssStat.ANON, 1);
    }
    int f = pageProt(vma) | PteFlags.DIRTY | PteFlags.ACCESSED;
    if (vma.has(VmFlags.WRITE)) {
      f |= PteFlags.RW;
    }
    PageTable pt = mm.pageTable();
    pt.setEntry(pos, 0);
    tlb.flushRange(mm.id(), addr >>> 12, (addr >>> 12) + 1);
    pages.addNewAnon(pfn, vma, addr);
    pt.setEntry(pos, format.encode(pfn, f));
    if (oldNormal) {
      pages.removeMap(oldPfn);
    }
    return Fault.OK;
  }

  /** __split_huge_zero_page_pmd(): the deposited table gets a PTE of the zero page in every slot. */
  private void splitHugeZeroPmd(PageTable pt, int pmdPos) {
    long pmd = pt.entry(pmdPos);
    int f = format.flags(pmd) & ~PteFlags.HUGE;
    int t = pt.withdrawTable(pmdPos);
    pt.installWithdrawn(pmdPos, t);
    long pte = format.encode(mem.zeroPfn(), f);
    for (int i = 0, n = pt.hugePmdPages(); i < n; i++) {
      pt.setEntry(pt.childPos(pmdPos, i), pte);
    }
  }

  /**
   * hugepage_vma_check() for a fault: anonymous memory, THP "always" or "madvise" with
   * MADV_HUGEPAGE, not NOHUGEPAGE, the aligned 2 MiB range inside the VMA, and a paging mode
   * whose PMD level can map a huge page.
   */
  private boolean thpEnabled(Vma vma, long addr, PageTable pt) {
    if (policyStudy) {
      return false;
    }
    if (!pt.hugePmd()) {
      return false;
    }
    int pmdDepth = pt.pteDepth() - 1;
    if (!vma.isAnonymous() || vma.has(VmFlags.NOHUGEPAGE) || vma.has(VmFlags.SHARED)) {
      return false;
    }
    switch (kernel.spec().kernel().thp()) {
      case NEVER:
        return false;
      case MADVISE:
        if (!vma.has(VmFlags.HUGEPAGE)) {
          return false;
        }
        break;
      default:
        break;
    }
    long size = pt.span(pmdDepth);
    long haddr = addr & ~(size - 1);
    return haddr >= vma.start() && haddr + size <= vma.end();
  }

  /** do_huge_pmd_anonymous_page(): a whole 2 MiB page on a write; the PTE path on a read. */
  private int hugeAnonymousFault(MmStruct mm, Vma vma, long addr, int pmdPos, int flags) {
    kernel.vmaOps().anonVmaPrepare(vma);
    PageTable pt = mm.pageTable();
    if ((flags & Fault.WRITE) == 0) {
      // set_huge_zero_page(): the huge zero page, read-only, with a deposited table; no RSS.
      if (!pt.depositTable(pmdPos)) {
        return Fault.OOM;
      }
      int f = (pageProt(vma) & ~PteFlags.RW) | PteFlags.HUGE | PteFlags.SPECIAL;
      pt.setEntry(pmdPos, format.encode(mem.zeroPfn(), f));
      return Fault.OK;
    }
    // pgtable_trans_huge_deposit(): a PTE table is set aside for a later split, and counted.
    if (!pt.depositTable(pmdPos)) {
      return Fault.OOM;
    }
    if (!mapNewThp(mm, vma, addr, pmdPos)) {
      pt.freeWithdrawn(pt.withdrawTable(pmdPos));
      return Fault.FALLBACK;
    }
    return Fault.OK;
  }

  /**
   * map_anon_folio_pmd(): a fresh huge page mapped by the PMD at {@code pmdPos}, whose table is
   * already deposited; false if no huge page can be allocated.
   */
  private boolean mapNewThp(MmStruct mm, Vma vma, long addr, int pmdPos) {
    PageTable pt = mm.pageTable();
    int pmdPages = pt.hugePmdPages();
    int head = mem.allocCompound(Integer.numberOfTrailingZeros(pmdPages), 0);
    if (head < 0) {
      return false;
    }
    long haddr = addr & ~(((long) pmdPages << 12) - 1);
    for (int i = 0; i < pmdPages; i++) {
      mem.contents().drop(head + i);
    }
    pages.addNewAnon(head, vma, haddr);
    int f = pageProt(vma) | PteFlags.DIRTY | PteFlags.HUGE;
    if (vma.has(VmFlags.WRITE)) {
      f |= PteFlags.RW;
    }
    pt.setEntry(pmdPos, format.encode(head, f));
    mm.rss().add(RssStat.ANON, pmdPages);
    return true;
  }

  /**
   * A fault on a present huge PMD: young/dirty, or a write to a read-only one. A write to the
   * huge zero page gets a huge page of its own from 6.13 (do_huge_zero_wp_pmd()); before, or
   * when none can be had, the zero PMD is split into zero-page PTEs and the fault goes on at PTE
   * level (do_huge_pmd_wp_page: "fallback"), so the write gets a 4 KiB page.
   */
  private int hugePmdFault(MmStruct mm, Vma vma, long addr, int pmdPos, int flags) {
    PageTable pt = mm.pageTable();
    long pmd = pt.entry(pmdPos);
    if ((flags & Fault.WRITE) != 0 && (format.flags(pmd) & PteFlags.SPECIAL) != 0) {
      if (kernel.version().atLeast(6, 13) && mapNewThp(mm, vma, addr, pmdPos)) {
        long first = (addr >>> 12) & ~(pt.hugePmdPages() - 1L);
        tlb.flushRange(mm.id(), first, first + pt.hugePmdPages());
        return Fault.OK;
      }
      splitHugeZeroPmd(pt, pmdPos);
      return handlePteFault(mm, vma, addr, flags);
    }
    if ((flags & Fault.WRITE) != 0 && (format.flags(pmd) & PteFlags.RW) == 0
        && mem.mapcount((int) format.pfn(pmd)) > 1) {
      // do_huge_pmd_wp_page(): a huge page others map too is not reused; the PMD is split
      // (__split_huge_pmd) and the write copies one small page (do_wp_page).
      kernel.memoryManager().splitHugePmdShared(mm, pmdPos, addr & ~(pt.span(pt.pteDepth() - 1) - 1));
      return handlePteFault(mm, vma, addr, flags);
    }
    int f = format.flags(pmd) | PteFlags.ACCESSED;
    if ((flags & Fault.WRITE) != 0) {
      f |= PteFlags.DIRTY;
      if (vma.has(VmFlags.WRITE)) {
        f |= PteFlags.RW;
      }
    }
    pt.setEntry(pmdPos, format.encode(format.pfn(pmd), f));
    return Fault.OK;
  }
}
