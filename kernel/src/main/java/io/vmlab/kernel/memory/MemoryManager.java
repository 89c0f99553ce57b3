package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.PageOps;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import io.vmlab.kernel.swap.SwapEntry;
import io.vmlab.kernel.swap.SwapSpace;
import java.util.Arrays;
import java.util.List;

/**
 * The page layer of one machine: the MMU (TLB, walk, faults) and the page-table operations the
 * VMA layer calls (mm/memory.c zap_page_range and free_pgtables, mm/mprotect.c
 * change_protection, mm/mremap.c move_page_tables, mm/gup.c populate, mm/madvise.c MADV_FREE).
 */
public final class MemoryManager implements PageOps {
  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final Pages pages;
  private final Tlb tlb;
  private final FaultHandler faults;
  private final Mmu mmu;
  private KernelMappings kernelMappings;

  public MemoryManager(Kernel kernel, boolean nx) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
    this.tlb = new Tlb(kernel.spec().tlb().entries(), kernel.spec().tlb().ways());
    this.pages = new Pages(kernel, new BuddyLru(mem));
    this.faults = new FaultHandler(kernel, pages, new ProtectionMap(nx), tlb);
    this.mmu = new Mmu(kernel, tlb, faults, pages.lru(), nx);
    long swapPages = kernel.spec().swapBytes() >>> 12;
    this.swapSpace = swapPages > 0 ? new SwapSpace(swapPages) : null;
    useReclaim(-1, kernel.spec().seed());
  }

  private SwapSpace swapSpace;
  private Reclaim reclaim;

  /** Reclaim with the machine's replacement policy; a budget >= 0 is policy study's frame count. */
  private void useReclaim(int budget, long seed) {
    reclaim = new Reclaim(kernel, kernel.policies().replacement(), swapSpace, tlb, budget, seed);
    reclaim.setPages(pages);
    reclaim.setBatched(pfn -> batchedRefs(pfn) > 0);
    pages.setLru(reclaim);
    mmu.setLru(reclaim);
    if (swapSpace != null) {
      faults.swapIn = new SwapIn(kernel, pages, swapSpace, faults);
      swap = new SwapHooks() {
        @Override
        public void free(long entry) {
          swapSpace.free(entry);
          int pfn = swapSpace.count(entry) == 0 ? swapSpace.cached(entry) : -1;
          if (pfn >= 0 && mem.mapcount(pfn) == 0) {
            // free_swap_and_cache(): nothing refers to the slot, so its unmapped cache copy goes.
            swapSpace.removeFromCache(pfn);
            mem.clear(pfn, PageFlags.SWAPCACHE);
            pages.release(pfn);
          }
        }

        @Override
        public void dropCache(int pfn) {
          swapSpace.removeFromCache(pfn);
          mem.clear(pfn, PageFlags.SWAPCACHE);
          mem.put(pfn);
        }
      };
    }
  }

  /**
   * Policy-study mode: user pages get exactly {@code frames} frames, page tables are not charged
   * against them, there is no fault-around and no zero page (every first touch is one fault), and
   * each miss with all frames used evicts one page chosen by the replacement policy.
   */
  public void enablePolicyStudy(int frames, long seed) {
    faults.policyStudy = true;
    if (swapSpace == null || swapSpace.used() == 0) {
      swapSpace = SwapSpace.unbounded();
    }
    useReclaim(frames, seed);
  }

  /** Whether policy-study mode is on. */
  public boolean policyStudy() {
    return faults.policyStudy;
  }

  /** Tells OPT where each page is referenced next (a trace replay knows). */
  public void setFuture(java.util.function.LongUnaryOperator nextReference) {
    reclaim.setFuture(nextReference::applyAsLong);
  }

  /** The swap device, or null. */
  public SwapSpace swapSpace() {
    return swapSpace;
  }

  /**
   * Reclaims until {@code frames} frames beyond the low watermark are free, on behalf of
   * {@code task} (which the OOM killer may choose); false if they cannot be had.
   */
  public boolean reserve(Task task, int frames) {
    kernel.setCurrent(task);
    return pages.lru().reserve(frames);
  }

  /** Reclaim counters: {scanned, stolen, writebacks, pageouts}. */
  public long[] reclaimCounters() {
    return new long[] {reclaim.scanned, reclaim.stolen, reclaim.writebacks, reclaim.pageouts};
  }

  /** The OOM kills so far. */
  public java.util.List<OomKiller.Kill> oomKills() {
    return reclaim.oom().kills();
  }

  /**
   * dup_mmap() of kernel/fork.c (6.1): the child's VMAs and, for VMAs with an anon_vma (or PFN
   * maps), its page tables. MADV_DONTFORK VMAs are left out, MADV_WIPEONFORK ones start empty,
   * VM_LOCKED is not inherited, and pinned anonymous pages are copied at once unless
   * {@code legacyCow} (the pre-5.9 behaviour, where the parent's pinned page would be COW-broken).
   */
  public void dupMmap(MmStruct parent, MmStruct child, boolean legacyCow) {
    Fork fork = new Fork(kernel, pages, this);
    io.vmlab.kernel.mm.VmaOps ops = kernel.vmaOps();
    for (Vma v = parent.vmas().first(); v != null; v = v.next()) {
      if (v.has(VmFlags.DONTCOPY)) {
        continue;
      }
      long flags = v.flags() & ~VmFlags.LOCKED_MASK;
      Vma c = ops.install(child, v.start(), v.end(), flags, v.pgoff(), v.file(), v.specialName());
      ops.copyNames(c, v);
      if (v.has(VmFlags.WIPEONFORK)) {
        continue;
      }
      ops.anonVmaFork(c, v);
      if (v.anonVma() != null || (v.flags() & (VmFlags.PFNMAP | VmFlags.MIXEDMAP)) != 0) {
        fork.copyRange(parent, v, child, c, !legacyCow);
      }
    }
    child.copyLayoutFrom(parent);
    tlb.flushRange(parent.id(), 0, Long.MAX_VALUE >>> 12);
  }

  /** exit_mmap(): unmaps everything, frees the page tables and the page directory. */
  public void exitMmap(MmStruct mm) {
    java.util.List<Vma> all = new java.util.ArrayList<>();
    for (Vma v = mm.vmas().first(); v != null; v = v.next()) {
      all.add(v);
    }
    mm.updateHiwaterRss();
    for (Vma v : all) {
      zap(mm, v, v.start(), v.end());
    }
    if (!all.isEmpty()) {
      freePgtables(mm, all, 0, 0);
    }
    for (Vma v : all) {
      kernel.vmaOps().unlink(mm, v);
    }
    mm.pageTable().destroy();
    tlb.flushAll();
  }

  /**
   * pin_user_pages(FOLL_PIN | FOLL_WRITE | FOLL_LONGTERM) for RDMA: faults the range in for
   * writing and raises each page's refcount by the pin bias. Returns the pages pinned, or -1.
   */
  public long pin(Task task, long start, long end) {
    MmStruct mm = task.mm();
    long n = 0;
    for (long a = start; a < end; a += 4096) {
      Vma v = mm.vmas().lookup(a);
      if (v == null || !v.has(VmFlags.WRITE)) {
        return -1;
      }
      int r = mmu.access(task, a, io.vmlab.api.arch.Access.WRITE, false);
      if (r != Mmu.OK) {
        return -1;
      }
      int pfn = mmu.frame();
      mem.addRefcount(pfn, Fork.PIN_BIAS);
      pages.lru().remove(pfn);
      pins.computeIfAbsent(task.pid(), k -> new java.util.ArrayList<>()).add(pfn);
      n++;
    }
    mm.setHasPinned();
    mm.addPinned(n);
    return n;
  }

  /** Pinned frames by the pid that pinned them (the RDMA memory regions it registered). */
  private final java.util.Map<Integer, java.util.List<Integer>> pins = new java.util.HashMap<>();

  /**
   * Releases every pin a task holds (its device file closes at exit, deregistering its memory
   * regions): a page that nothing else references is freed.
   */
  public void releasePins(Task task) {
    java.util.List<Integer> held = pins.remove(task.pid());
    if (held == null) {
      return;
    }
    for (int pfn : held) {
      mem.addRefcount(pfn, -Fork.PIN_BIAS);
      if (mem.refcount(pfn) == 0) {
        mem.addRefcount(pfn, 1);
        pages.release(pfn);
      } else if (mem.mapcount(pfn) > 0) {
        pages.lru().add(pfn);
      }
    }
    task.mm().addPinned(-held.size());
  }

  /** unpin_user_pages(). */
  public void unpin(Task task, long start, long end) {
    MmStruct mm = task.mm();
    long n = 0;
    for (long a = start; a < end; a += 4096) {
      int pos = mm.pageTable().lookup(a);
      if (pos < 0 || !mapped(mm.pageTable().entry(pos))) {
        continue;
      }
      int pfn = (int) format.pfn(mm.pageTable().entry(pos));
      if (mem.refcount(pfn) >= Fork.PIN_BIAS) {
        mem.addRefcount(pfn, -Fork.PIN_BIAS);
        pages.lru().add(pfn);
        n++;
      }
    }
    mm.addPinned(-n);
  }

  /**
   * Maps one page the way a recorded process had it (seeding a process from /proc output): an
   * anonymous page written by the process, or a page-cache page of the VMA's file, with
   * {@code extraMappers} more mappings of it in processes outside the simulation (Pss).
   */
  public void seedPage(MmStruct mm, Vma vma, long addr, boolean anon, boolean dirty, int extraMappers) {
    PageTable pt = mm.pageTable();
    int pos = pt.populate(addr, pt.pteDepth());
    if (pos < 0) {
      throw new IllegalStateException("out of memory seeding a page");
    }
    int prot = faults.pageProt(vma);
    int pfn;
    if (anon) {
      kernel.vmaOps().anonVmaPrepare(vma);
      pfn = pages.allocAnon();
      if (pfn < 0) {
        throw new IllegalStateException("out of memory seeding a page");
      }
      pages.addNewAnon(pfn, vma, addr);
      int f = prot | (dirty ? PteFlags.DIRTY : 0);
      if (vma.has(VmFlags.WRITE)) {
        f |= PteFlags.RW;
      }
      pt.setEntry(pos, format.encode(pfn, f));
      mm.rss().add(RssStat.ANON, 1);
    } else {
      pfn = pages.cachePage(vma.file().inode(), vma.pgoffOf(addr));
      if (pfn < 0) {
        throw new IllegalStateException("cannot seed page beyond the end of " + vma.file());
      }
      if (dirty) {
        mem.set(pfn, PageFlags.DIRTY);
      }
      pages.addFileMap(pfn);
      pt.setEntry(pos, format.encode(pfn, prot));
      mm.rss().add(faults.fileCounter(pfn), 1);
    }
    for (int i = 0; i < extraMappers; i++) {
      mem.get(pfn);
      mem.addMapcount(pfn, 1);
    }
  }

  /** The kernel's mappings (direct map, vmalloc), set up at boot. */
  public KernelMappings kernelMappings() {
    if (kernelMappings == null) {
      kernelMappings = new KernelMappings(kernel);
    }
    return kernelMappings;
  }

  /** The frame mapped at {@code va} in the task's page table now, or -1. */
  public int frameAt(Task task, long va) {
    PageTable pt = task.mm().pageTable();
    int pos = pt.lookup(va);
    long e = pos < 0 ? 0 : pt.entry(pos);
    if (!mapped(e)) {
      return -1;
    }
    int pfn = (int) format.pfn(e);
    int d = pt.leafDepth(va);
    if (d < pt.pteDepth() && (format.flags(e) & PteFlags.SPECIAL) == 0) {
      pfn += (int) ((va & (pt.span(d) - 1)) >>> 12);
    }
    return pfn;
  }

  /** The MMU (the access path). */
  public Mmu mmu() {
    return mmu;
  }

  /** The TLB. */
  public Tlb tlb() {
    return tlb;
  }

  Pages pages() {
    return pages;
  }

  FaultHandler faults() {
    return faults;
  }

  /** Reads the byte at {@code offset} of frame {@code pfn} as a load would see it. */
  public int readByte(int pfn, int offset) {
    return pages.read(pfn, offset);
  }

  /** Stores a byte into frame {@code pfn}. */
  public void writeByte(int pfn, int offset, int value) {
    pages.write(pfn, offset, value);
  }

  /** Whether an entry maps a page (present to the CPU, or PROT_NONE). */
  boolean mapped(long e) {
    return e != 0 && (format.present(e) || (format.flags(e) & PteFlags.PROTNONE) != 0);
  }

  /** PAGEVEC_SIZE: pages a per-CPU LRU batch holds before it is applied. */
  private static final int PAGEVEC_SIZE = 15;
  private final int[] lazyfreeBatch = new int[PAGEVEC_SIZE];
  private int lazyfreeCount;

  /**
   * lru_add_drain(): applies the pending lazyfree batch. MADV_FREE queues pages; they turn
   * lazily freeable (PageSwapBacked cleared, shown as LazyFree) only when the batch fills or is
   * drained (munmap, MADV_DONTNEED, exit, the next MADV_FREE).
   */
  public void drainLru() {
    for (int i = 0; i < lazyfreeCount; i++) {
      int pfn = lazyfreeBatch[i];
      if (mem.test(pfn, PageFlags.ANON | PageFlags.SWAPBACKED) && !mem.test(pfn, PageFlags.SWAPCACHE)) {
        mem.clear(pfn, PageFlags.SWAPBACKED | PageFlags.ACTIVE | PageFlags.REFERENCED);
        mem.set(pfn, PageFlags.LAZYFREE);
      }
      pages.release(pfn);
    }
    lazyfreeCount = 0;
  }

  /** References the pending LRU batch holds on {@code pfn} (a page waiting for lru_add_drain). */
  public int batchedRefs(int pfn) {
    int n = 0;
    for (int i = 0; i < lazyfreeCount; i++) {
      if (lazyfreeBatch[i] == pfn) {
        n++;
      }
    }
    return n;
  }

  private void queueLazyfree(int pfn) {
    mem.get(pfn);
    lazyfreeBatch[lazyfreeCount++] = pfn;
    if (lazyfreeCount == PAGEVEC_SIZE) {
      drainLru();
    }
  }

  /** A byte of a file as read() sees it: the page cache if the page is cached, else the file's contents. */
  public int fileByte(io.vmlab.kernel.fs.Inode inode, long pos) {
    if (pos >= inode.size()) {
      return 0;
    }
    int pfn = inode.mapping().find(pos >>> 12);
    return pfn >= 0 ? pages.read(pfn, (int) (pos & 0xfff)) : inode.storedByte(pos >>> 12, (int) (pos & 0xfff));
  }

  /** write(): stores a byte into the file's page cache (the page is brought in if needed). */
  public void writeFileByte(io.vmlab.kernel.fs.Inode inode, long pos, int value) {
    if (pos >= inode.size()) {
      inode.setSize(pos + 1);
    }
    long index = pos >>> 12;
    int pfn = pages.cachePage(inode, index);
    if (pfn >= 0) {
      pages.write(pfn, (int) (pos & 0xfff), value);
      // folio_mark_dirty(): the whole (large) folio is dirty.
      for (long i = inode.folioStart(index), e = i + inode.folioPages(index); i < e; i++) {
        int p = inode.mapping().find(i);
        if (p >= 0) {
          mem.set(p, PageFlags.DIRTY);
        }
      }
    }
  }

  /** truncate_inode_pages(): drops every cached page of a file (no VMA maps it any more). */
  public void truncate(io.vmlab.kernel.fs.Inode inode) {
    drainLru();
    io.vmlab.kernel.fs.AddressSpace as = inode.mapping();
    for (long i = 0; i < as.limit(); i++) {
      int pfn = as.find(i);
      if (pfn >= 0) {
        deleteFromPageCache(as, i, pfn);
      }
    }
  }

  /** delete_from_page_cache(): the cache's reference goes; a pinned page outlives it, uncached. */
  void deleteFromPageCache(io.vmlab.kernel.fs.AddressSpace as, long index, int pfn) {
    as.remove(index);
    if (mem.refcount(pfn) > 1) {
      mem.clear(pfn, PageFlags.FILE);
      mem.setMapping(pfn, 0);
    }
    pages.release(pfn);
  }

  /**
   * Brings every page of a file into the page cache (a file just written and fsync'd). On tmpfs
   * the written pages stay dirty: shmem has no writeback for fsync to do.
   */
  public void cacheFile(io.vmlab.kernel.fs.Inode inode) {
    for (long i = 0; i < inode.pages(); i++) {
      int pfn = pages.cachePage(inode, i);
      if (pfn < 0) {
        throw new IllegalStateException("out of memory caching " + inode);
      }
      if (inode.shmem()) {
        mem.set(pfn, PageFlags.DIRTY);
      }
    }
  }

  @Override
  public void zap(MmStruct mm, Vma vma, long start, long end) {
    // 6.1's unmap paths drain the per-CPU LRU batches first (lru_add_drain()); on 6.18 only
    // freeing pages does (tlb_finish_mmu() -> free_pages_and_swap_cache()), after the unmap.
    boolean drainAfter = kernel.version().atLeast(6, 18);
    if (!drainAfter) {
      drainLru();
    }
    zappedPages = 0;
    PageTable pt = mm.pageTable();
    int pmdDepth = pt.pteDepth() - 1;
    long span = pt.span(pmdDepth);
    long addr = start;
    while (Long.compareUnsigned(addr, end) < 0) {
      long next = (addr & ~(span - 1)) + span;
      if (next == 0 || Long.compareUnsigned(next, end) > 0) {
        next = end;
      }
      int pmdPos = pt.find(addr, pmdDepth);
      if (pmdPos >= 0) {
        long pmd = pt.entry(pmdPos);
        if (mapped(pmd)) {
          if ((format.flags(pmd) & PteFlags.HUGE) != 0) {
            zapHugePmd(mm, vma, pmdPos, addr, next);
          } else {
            zapPteRange(mm, pt, pmdPos, addr, next);
          }
        }
      }
      addr = next;
    }
    if (drainAfter && zappedPages != 0) {
      drainLru();
    }
  }

  /** Pages (not special entries) the current zap unmapped. */
  private long zappedPages;

  /** The RSS deltas of one zap_pte_range() (reused: zapping allocates nothing). */
  private final long[] zapRss = new long[4];

  /** zap_pte_range(): clears the PTEs of one table; then add_mm_rss_vec() syncs and subtracts. */
  private void zapPteRange(MmStruct mm, PageTable pt, int pmdPos, long addr, long end) {
    long[] rss = zapRss;
    Arrays.fill(rss, 0);
    int pteDepth = pt.pteDepth();
    for (long a = addr; Long.compareUnsigned(a, end) < 0; a += 4096) {
      int pos = pt.childPos(pmdPos, pt.index(pteDepth, a));
      long e = pt.entry(pos);
      if (e == 0) {
        continue;
      }
      pt.setEntry(pos, 0);
      if (mapped(e)) {
        int f = format.flags(e);
        if ((f & PteFlags.SPECIAL) != 0) {
          continue;
        }
        int pfn = (int) format.pfn(e);
        zappedPages++;
        if (pages.anon(pfn)) {
          rss[RssStat.ANON]--;
          if (mem.test(pfn, PageFlags.SWAPCACHE) && mem.mapcount(pfn) == 1 && swapSpace != null
              && swapSpace.count(swapSpace.slotOf(pfn)) == 0) {
            // free_swap_and_cache(): the last user of a swap-cache page lets the copy go.
            swap.dropCache(pfn);
          }
        } else {
          rss[faults.fileCounter(pfn)]--;
          if ((f & PteFlags.DIRTY) != 0) {
            mem.set(pfn, PageFlags.DIRTY);
          }
        }
        pages.removeMap(pfn);
      } else if (format.isSwap(e)) {
        rss[RssStat.SWAPENTS]--;
        freeSwapEntry(SwapEntry.slot(format.swapEntry(e)));
      }
    }
    RssStat r = mm.rss();
    if (r.split()) {
      r.sync();
    }
    for (int i = 0; i < 4; i++) {
      if (rss[i] != 0) {
        r.add(i, rss[i]);
      }
    }
  }

  /** zap_huge_pmd(), or a split when only part of the huge page goes. */
  private void zapHugePmd(MmStruct mm, Vma vma, int pmdPos, long addr, long end) {
    PageTable pt = mm.pageTable();
    long size = pt.span(pt.pteDepth() - 1);
    long haddr = addr & ~(size - 1);
    if (addr != haddr || end - addr != size) {
      splitHugePmd(mm, pmdPos, haddr);
      zapPteRange(mm, pt, pmdPos, addr, end);
      return;
    }
    long pmd = pt.entry(pmdPos);
    int head = (int) format.pfn(pmd);
    pt.setEntry(pmdPos, 0);
    if ((format.flags(pmd) & PteFlags.SPECIAL) == 0) {
      zappedPages++;
      mm.rss().add(RssStat.ANON, -pt.hugePmdPages());
      pages.removeMap(head);
    }
    int t = pt.withdrawTable(pmdPos);
    if (t >= 0) {
      pt.freeWithdrawn(t);
    }
  }

  /**
   * __split_huge_pmd() together with split_huge_page(): the huge mapping becomes a full table of
   * PTEs (the deposited one), and the compound page as many base pages, each mapped once.
   */
  void splitHugePmd(MmStruct mm, int pmdPos, long haddr) {
    PageTable pt = mm.pageTable();
    long pmd = pt.entry(pmdPos);
    int head = (int) format.pfn(pmd);
    int f = format.flags(pmd) & ~PteFlags.HUGE;
    int t = pt.withdrawTable(pmdPos);
    if (t < 0) {
      throw new IllegalStateException("huge PMD without a deposited table");
    }
    pt.installWithdrawn(pmdPos, t);
    if ((f & PteFlags.SPECIAL) != 0) {
      for (int i = 0, n = pt.hugePmdPages(); i < n; i++) {
        pt.setEntry(pt.childPos(pmdPos, i), format.encode(head, f));
      }
      return;
    }
    if ((f & PteFlags.DIRTY) != 0) {
      // __split_huge_pmd_locked(): a dirty PMD dirties the page, not the new PTEs (the carry-over
      // of the dirty bit was partly reverted in 6.1).
      mem.set(head, PageFlags.DIRTY);
      f &= ~PteFlags.DIRTY;
    }
    int mapping = mem.mapping(head);
    long index = mem.index(head);
    int headFlags = mem.flags(head) & ~(PageFlags.HEAD | 0x0f000000);
    int refs = mem.refcount(head);
    int maps = mem.mapcount(head);
    for (int i = 0, n = pt.hugePmdPages(); i < n; i++) {
      int p = head + i;
      if (i > 0) {
        mem.clear(p, PageFlags.TAIL);
        mem.set(p, headFlags);
        mem.setMapping(p, mapping);
        mem.setIndex(p, index + i);
        mem.addRefcount(p, refs - mem.refcount(p));
        mem.addMapcount(p, maps - mem.mapcount(p));
        pages.lru().add(p);
      } else {
        mem.clear(p, PageFlags.HEAD | 0x0f000000);
      }
      pt.setEntry(pt.childPos(pmdPos, i), format.encode(p, f));
    }
  }

  @Override
  public void freePgtables(MmStruct mm, List<Vma> removed, long floor, long ceiling) {
    PageTable pt = mm.pageTable();
    long pmdSize = pt.span(pt.pteDepth() - 1);
    int i = 0;
    while (i < removed.size()) {
      Vma v = removed.get(i);
      long addr = v.start();
      int j = i + 1;
      while (j < removed.size() && removed.get(j).start() <= v.end() + pmdSize) {
        v = removed.get(j);
        j++;
      }
      long next = j < removed.size() ? removed.get(j).start() : ceiling;
      pt.freeRange(addr, v.end(), floor, next);
      floor = v.end();
      i = j;
    }
  }

  @Override
  public void changeProtection(MmStruct mm, Vma vma, long start, long end) {
    PageTable pt = mm.pageTable();
    ProtectionChange c = protectionChange;
    c.pt = pt;
    c.newProt = faults.pageProt(vma);
    c.tryWritable = vma.has(VmFlags.WRITE) && !vma.has(VmFlags.SHARED);
    c.cleanOk = kernel.version().atLeast(6, 2);
    pt.forEachLeaf(start, end, c);
    c.pt = null;
    flushTlb(mm, start, end);
  }

  private final ProtectionChange protectionChange = new ProtectionChange();

  /** change_pte_range() for one leaf entry; one instance, so mprotect allocates nothing. */
  private final class ProtectionChange implements PageTable.LeafVisitor {
    PageTable pt;
    int newProt;
    boolean tryWritable;
    boolean cleanOk;

    @Override
    public void visit(long va, int pos, int d) {
      long e = pt.entry(pos);
      if (!mapped(e)) {
        return;
      }
      int f = ProtectionMap.modify(format.flags(e), newProt);
      int pfn = (int) format.pfn(e);
      if (tryWritable && (f & PteFlags.PRESENT) != 0 && (f & PteFlags.SPECIAL) == 0
          && mem.test(pfn, PageFlags.ANON | PageFlags.ANON_EXCLUSIVE)
          && (cleanOk || (f & PteFlags.DIRTY) != 0)) {
        // can_change_pte_writable(): an exclusive anonymous page needs no write fault (before
        // 6.2 only if its PTE is dirty).
        f |= PteFlags.RW;
      }
      pt.setEntry(pos, format.encode(pfn, f));
    }
  }

  @Override
  public long movePageTables(MmStruct mm, Vma oldVma, long oldAddr, Vma newVma, long newAddr, long len) {
    PageTable pt = mm.pageTable();
    int pteDepth = pt.pteDepth();
    int pmdDepth = pteDepth - 1;
    long pmdSize = pt.span(pmdDepth);
    long oldEnd = oldAddr + len;
    long moved = 0;
    while (oldAddr < oldEnd) {
      long extent = extent(pmdSize, oldAddr, oldEnd, newAddr);
      int oldPmd = pt.find(oldAddr, pmdDepth);
      if (oldPmd >= 0 && pt.entry(oldPmd) != 0) {
        int newPmd = pt.populate(newAddr, pmdDepth);
        if (newPmd < 0) {
          break;
        }
        oldPmd = pt.find(oldAddr, pmdDepth);
        long entry = pt.entry(oldPmd);
        boolean huge = (format.flags(entry) & PteFlags.HUGE) != 0;
        if (extent == pmdSize && pt.entry(newPmd) == 0 && (pmdDepth > 0 || huge)) {
          // move_huge_pmd() / move_normal_pmd(): the whole huge page (or table) moves; a table
          // in the pgd itself (IA-32 2-level) is moved page by page, a huge page whole.
          pt.setEntry(newPmd, entry);
          pt.setEntry(oldPmd, 0);
          if (huge) {
            int dep = pt.withdrawTable(oldPmd);
            if (dep >= 0) {
              pt.depositExisting(newPmd, dep);
            }
          }
        } else {
          if (huge) {
            splitHugePmd(mm, oldPmd, oldAddr & ~(pmdSize - 1));
          }
          int first = pt.populate(newAddr, pteDepth);
          if (first < 0) {
            break;
          }
          for (long off = 0; off < extent; off += 4096) {
            int from = pt.lookup(oldAddr + off);
            int to = pt.lookup(newAddr + off);
            long e = pt.entry(from);
            if (e != 0) {
              pt.setEntry(from, 0);
              pt.setEntry(to, e);
            }
          }
        }
      }
      moved += extent;
      oldAddr += extent;
      newAddr += extent;
    }
    flushTlb(mm, oldAddr - moved, oldAddr);
    return moved;
  }

  /** get_extent(NORMAL_PMD): up to the next PMD boundary of either range. */
  private static long extent(long size, long oldAddr, long oldEnd, long newAddr) {
    long next = (oldAddr + size) & ~(size - 1);
    long extent = next - oldAddr;
    if (Long.compareUnsigned(extent, oldEnd - oldAddr) > 0) {
      extent = oldEnd - oldAddr;
    }
    next = (newAddr + size) & ~(size - 1);
    if (Long.compareUnsigned(extent, next - newAddr) > 0) {
      extent = next - newAddr;
    }
    return extent;
  }

  @Override
  public long populate(Task task, Vma vma, long start, long end, int how) {
    long vf = vma.flags();
    boolean write;
    if (how == POPULATE_LOCK) {
      write = (vf & (VmFlags.WRITE | VmFlags.SHARED)) == VmFlags.WRITE;
      // check_vma_flags() without FOLL_FORCE: a PROT_NONE VMA refuses the read.
      if ((vf & (VmFlags.READ | VmFlags.WRITE | VmFlags.EXEC)) == 0) {
        return Errno.EFAULT.neg();
      }
    } else {
      write = how == POPULATE_WRITE;
      if ((vf & (VmFlags.IO | VmFlags.PFNMAP)) != 0 || (vf & (write ? VmFlags.WRITE : VmFlags.READ)) == 0) {
        return Errno.EFAULT.neg();
      }
    }
    kernel.setCurrent(task);
    MmStruct mm = task.mm();
    PageTable pt = mm.pageTable();
    long err = 0;
    for (long a = start; a < end; a += 4096) {
      int pos = pt.lookup(a);
      long e = pos >= 0 ? pt.entry(pos) : 0;
      boolean ok = e != 0 && format.present(e) && (!write || (format.flags(e) & PteFlags.RW) != 0);
      if (ok) {
        continue;
      }
      int r = faults.handleMmFault(mm, vma, a, write ? Fault.WRITE : 0);
      if ((r & Fault.ERROR) != 0) {
        err = (r & Fault.OOM) != 0 ? Errno.ENOMEM.neg() : Errno.EFAULT.neg();
        break;
      }
      task.countFault((r & Fault.MAJOR) != 0);
    }
    flushTlb(mm, start, end);
    return err;
  }

  @Override
  public void flushTlb(MmStruct mm, long start, long end) {
    tlb.flushRange(mm.id(), start >>> 12, (end + 4095) >>> 12);
  }

  /**
   * split_huge_pmd_if_needed() of vma_adjust_trans_huge(): a VMA boundary at {@code addr} inside
   * a PMD-mapped huge page splits it into PTEs (a page mapped by other processes too is split in
   * all of them, which Linux does not do; vmlab keeps no PTE-mapped compound pages).
   */
  @Override
  public void splitHugePmdAt(MmStruct mm, long addr) {
    PageTable pt = mm.pageTable();
    if (!pt.hugePmd()) {
      return;
    }
    int pmdDepth = pt.pteDepth() - 1;
    long size = pt.span(pmdDepth);
    if ((addr & (size - 1)) == 0) {
      return;
    }
    int pos = pt.find(addr, pmdDepth);
    long e = pos < 0 ? 0 : pt.entry(pos);
    if (e == 0 || !format.present(e) || (format.flags(e) & PteFlags.HUGE) == 0) {
      return;
    }
    splitHugePmdShared(mm, pos, addr & ~(size - 1));
  }

  /** Splits the huge PMD at {@code pos}; a huge page others map too in every mapping. */
  void splitHugePmdShared(MmStruct mm, int pos, long haddr) {
    long e = mm.pageTable().entry(pos);
    int head = (int) format.pfn(e);
    if ((format.flags(e) & PteFlags.SPECIAL) == 0 && mem.mapcount(head) > 1) {
      reclaim.splitThp(head);
    } else {
      splitHugePmd(mm, pos, haddr);
    }
  }

  @Override
  public void punchHole(io.vmlab.kernel.fs.Inode inode, long first, long end) {
    new HolePunch(this, mem, format, pages, tlb).punch(inode, first, end);
  }

  @Override
  public void coldOrPageout(MmStruct mm, Vma vma, long start, long end, boolean pageout) {
    new ColdPageout(this, mem, format).run(mm, vma, start, end, pageout, reclaim);
  }

  @Override
  public void lazyFree(MmStruct mm, Vma vma, long start, long end) {
    drainLru();
    PageTable pt = mm.pageTable();
    long[] swapFreed = new long[1];
    pt.forEachLeaf(start, end, (va, pos, d) -> {
      long e = pt.entry(pos);
      if (format.isSwap(e)) {
        pt.setEntry(pos, 0);
        freeSwapEntry(SwapEntry.slot(format.swapEntry(e)));
        swapFreed[0]++;
        return;
      }
      if (!mapped(e) || d != pt.pteDepth()) {
        return;
      }
      int f = format.flags(e);
      int pfn = (int) format.pfn(e);
      if ((f & PteFlags.SPECIAL) != 0 || !pages.anon(pfn) || mem.mapcount(pfn) != 1) {
        return;
      }
      mem.clear(pfn, PageFlags.DIRTY);
      pt.setEntry(pos, format.encode(pfn, f & ~(PteFlags.DIRTY | PteFlags.ACCESSED)));
      queueLazyfree(pfn);
    });
    if (swapFreed[0] != 0) {
      if (mm.rss().split()) {
        mm.rss().sync();
      }
      mm.rss().add(RssStat.SWAPENTS, -swapFreed[0]);
    }
    flushTlb(mm, start, end);
  }

  /** Frees a swap slot a PTE no longer refers to (the swap layer hooks in here). */
  void freeSwapEntry(long entry) {
    if (swap != null) {
      swap.free(entry);
    }
  }

  /**
   * try_to_free_swap(): drops the swap-cache copy of an anonymous page about to be reused, unless
   * a swap PTE still names its slot (folio_swapped()).
   */
  void freeSwapOf(int pfn) {
    if (swap != null && swapSpace.count(swapSpace.slotOf(pfn)) == 0) {
      swap.dropCache(pfn);
    }
  }

  /** The swap layer, if the machine has swap. */
  SwapHooks swap;

  /** What the zap and COW paths need from swap. */
  interface SwapHooks {
    void free(long entry);

    void dropCache(int pfn);
  }
}
