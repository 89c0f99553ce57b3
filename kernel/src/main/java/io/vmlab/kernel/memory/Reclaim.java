package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.fs.AddressSpace;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import io.vmlab.kernel.swap.SwapSpace;
import io.vmlab.kernel.swap.SwapEntry;
import java.util.SplittableRandom;

/**
 * Page reclaim (mm/vmscan.c) with the machine's replacement policy choosing victims. Two modes:
 * the kernel's, where allocation wakes reclaim below the low watermark and reclaims to the high
 * one (kswapd, done synchronously) and falls back to direct reclaim and then the OOM killer; and
 * policy study, where user pages have a fixed budget of frames and each miss with the budget used
 * evicts exactly one victim. A victim is unmapped through rmap; a dirty anonymous page goes to
 * swap (a clean MADV_FREE page is dropped), a dirty file page is written back, a clean one dropped.
 */
final class Reclaim implements Lru {
  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final Rmap rmap;
  private final SwapSpace swap;
  private final Tlb tlb;
  private final boolean everyReference;
  private final boolean[] tracked;
  private final Evictor evictor;
  private final OomKiller oom;
  private Pages pages;

  private final int budget;
  private int inUse;
  private final long low;
  private final long high;
  private Future future;

  // vmstat-like counters.
  long scanned;
  long stolen;
  long writebacks;
  long pageouts;

  /** Where OPT learns the future of the reference stream. */
  interface Future {
    long nextReference(long page);
  }

  /**
   * @param budget frames user pages may use (policy study), or -1 for the kernel's watermarks
   */
  Reclaim(Kernel kernel, ReplacementPolicy policy, SwapSpace swap, Tlb tlb, int budget, long seed) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
    this.rmap = new Rmap(kernel);
    this.swap = swap;
    this.tlb = tlb;
    this.budget = budget;
    this.tracked = new boolean[mem.frames()];
    this.everyReference = policy.characteristics().contains(ReplacementPolicy.Characteristic.EVERY_REFERENCE);
    this.evictor = policy.create(new Context(new SplittableRandom(seed)));
    this.oom = new OomKiller(kernel);
    long managed = mem.frames();
    long minFreeKb = Math.max(128, Math.min(262144, (long) Math.sqrt((double) managed * 4 * 16)));
    long min = minFreeKb / 4;
    long step = Math.max(min / 4, managed * 10 / 10000);
    this.low = min + step;
    this.high = min + 2 * step;
  }

  void setPages(Pages pages) {
    this.pages = pages;
  }

  private java.util.function.IntPredicate batched = pfn -> false;

  /** Which pages sit in a per-CPU LRU batch (off the LRU, so not reclaimable until drained). */
  void setBatched(java.util.function.IntPredicate batched) {
    this.batched = batched;
  }

  void setFuture(Future future) {
    this.future = future;
  }

  @Override
  public int allocate() {
    if (budget >= 0) {
      if (inUse >= budget && !evictOne()) {
        return -1;
      }
      int pfn = mem.allocPage(0);
      if (pfn >= 0) {
        inUse++;
      }
      return pfn;
    }
    if (mem.freeFrames() < low) {
      reclaimTo(high);
    }
    int pfn = mem.allocPage(0);
    while (pfn < 0) {
      if (!evictOne() && !oom.kill()) {
        return -1;
      }
      pfn = mem.allocPage(0);
    }
    return pfn;
  }

  @Override
  public boolean reserve(int frames) {
    if (budget >= 0) {
      return true;
    }
    while (mem.freeFrames() < low + frames) {
      if (!evictOne() && !oom.kill()) {
        return mem.freeFrames() >= frames;
      }
    }
    return true;
  }

  private void reclaimTo(long target) {
    while (mem.freeFrames() < target) {
      if (!evictOne()) {
        return;
      }
    }
  }

  @Override
  public void add(int pfn) {
    if (!tracked[pfn]) {
      tracked[pfn] = true;
      mem.set(pfn, PageFlags.LRU);
      evictor.added(pfn);
    }
  }

  @Override
  public void remove(int pfn) {
    if (tracked[pfn]) {
      tracked[pfn] = false;
      mem.clear(pfn, PageFlags.LRU);
      evictor.removed(pfn);
    }
  }

  @Override
  public void freed(int pfn) {
    remove(pfn);
    if (budget >= 0) {
      inUse--;
    }
  }

  @Override
  public void referenced(int pfn) {
    // Evictors ignore frames they do not track (Evictor#referenced), so no check here.
    evictor.referenced(pfn);
  }

  @Override
  public boolean wantsEveryReference() {
    return everyReference;
  }

  /** shrink_folio_list() for one victim; false if nothing could be evicted. */
  boolean evictOne() {
    int limit = 2 * mem.frames() + 16;
    for (int i = 0; i < limit; i++) {
      int v = evictor.victim();
      if (v < 0) {
        return false;
      }
      scanned++;
      tracked[v] = false;
      mem.clear(v, PageFlags.LRU);
      if (evict(v)) {
        stolen++;
        return true;
      }
      tracked[v] = true;
      mem.set(v, PageFlags.LRU);
      evictor.added(v);
    }
    return false;
  }

  /**
   * reclaim_pages() for one page MADV_PAGEOUT isolated (old, mapped once): shrink_folio_list()
   * with may_unmap and may_swap (mm/vmscan.c). Anonymous pages go to swap, or stay when none is
   * free; clean file pages are unmapped and dropped; dirty file pages and shmem are unmapped but
   * stay in the page cache (only kswapd writes file pages back; shmem has no swap here).
   */
  void pageOut(int pfn) {
    if (!tracked[pfn] || batched.test(pfn) || mappedLocked(pfn) || mem.refcount(pfn) >= Fork.PIN_BIAS) {
      return;
    }
    tracked[pfn] = false;
    mem.clear(pfn, PageFlags.LRU);
    evictor.removed(pfn);
    scanned++;
    boolean dirtyPte = anyDirtyPte(pfn);
    boolean anon = mem.test(pfn, PageFlags.ANON);
    boolean keepCached = !anon && (mem.test(pfn, PageFlags.DIRTY) || dirtyPte);
    boolean cleanShmem = !anon && !keepCached && mem.test(pfn, PageFlags.SWAPBACKED);
    if (!keepCached && (cleanShmem ? dropCleanShmem(pfn) : evict(pfn))) {
      stolen++;
      return;
    }
    if (keepCached) {
      if (dirtyPte) {
        mem.set(pfn, PageFlags.DIRTY);
      }
      unmap(pfn, -1);
    }
    tracked[pfn] = true;
    mem.set(pfn, PageFlags.LRU);
    evictor.added(pfn);
  }

  /**
   * A clean shmem page (a hole read in, never written) leaves the page cache after the unmap
   * (__remove_mapping()); the next access faults a fresh one in.
   */
  private boolean dropCleanShmem(int pfn) {
    if (mem.refcount(pfn) > expectedRefs(pfn, false)) {
      return false;
    }
    mem.get(pfn);
    unmap(pfn, -1);
    AddressSpace as = kernel.mappings().addressSpace(mem.mapping(pfn));
    if (as != null) {
      as.remove(mem.index(pfn));
      mem.put(pfn);
    }
    free(pfn);
    return true;
  }

  /** Unmaps the page everywhere and frees it; false if it must stay. */
  private boolean evict(int pfn) {
    if (mem.refcount(pfn) >= Fork.PIN_BIAS || mem.test(pfn, PageFlags.TAIL) || batched.test(pfn) || mappedLocked(pfn)) {
      return false;
    }
    if (mem.test(pfn, PageFlags.HEAD)) {
      splitThp(pfn);
    }
    boolean anon = mem.test(pfn, PageFlags.ANON);
    if (!anon && mem.test(pfn, PageFlags.SWAPBACKED)) {
      // shmem pages would go to swap through the shmem inode; vmlab keeps them resident.
      return false;
    }
    if (mem.refcount(pfn) > expectedRefs(pfn, anon)) {
      // Someone holds the page (a fault in flight, get_user_pages): __remove_mapping() would fail.
      return false;
    }
    boolean dirty = mem.test(pfn, PageFlags.DIRTY) || anyDirtyPte(pfn);
    // isolate_lru_page(): hold the page while it is unmapped.
    mem.get(pfn);
    if (anon) {
      if (mem.test(pfn, PageFlags.LAZYFREE) && !dirty) {
        unmap(pfn, -1);
        free(pfn);
        return true;
      }
      int slot = swap == null ? -1 : swap.slotOf(pfn);
      boolean inCache = slot >= 0;
      if (budget >= 0 && !inCache && !dirty) {
        // Policy study: a page never written holds only zeros; it is dropped, not written.
        unmap(pfn, -1);
        free(pfn);
        return true;
      }
      if (!inCache) {
        slot = swap == null ? -1 : swap.allocate();
        if (slot < 0) {
          mem.put(pfn);
          return false;
        }
      }
      unmap(pfn, slot);
      if (!inCache || dirty) {
        swap.writeOut(slot, mem.contents().take(pfn));
        pageouts++;
      }
      if (inCache) {
        swap.removeFromCache(pfn);
        mem.clear(pfn, PageFlags.SWAPCACHE);
        mem.put(pfn);
      }
      free(pfn);
      return true;
    }
    unmap(pfn, -1);
    if (dirty) {
      writebacks++;
      mem.clear(pfn, PageFlags.DIRTY);
    }
    AddressSpace as = kernel.mappings().addressSpace(mem.mapping(pfn));
    byte[] bytes = mem.contents().take(pfn);
    if (as != null) {
      if (bytes != null) {
        // pageout() wrote them (or they came from storage): the next read of the page finds them.
        as.host().storePage(mem.index(pfn), bytes);
      }
      as.remove(mem.index(pfn));
      mem.put(pfn);
    }
    free(pfn);
    return true;
  }

  /** The references mappings and caches account for: one per PTE, the swap cache, the page cache. */
  private int expectedRefs(int pfn, boolean anon) {
    int refs = mem.mapcount(pfn) + (mem.test(pfn, PageFlags.SWAPCACHE) ? 1 : 0);
    if (!anon && kernel.mappings().addressSpace(mem.mapping(pfn)) != null) {
      refs++;
    }
    return refs;
  }

  /** Whether a VM_LOCKED VMA maps the page (mlocked pages are unevictable). */
  private boolean mappedLocked(int pfn) {
    boolean[] locked = {false};
    rmap.walk(pfn, (mm, vma, va, pos) -> {
      if (vma.has(io.vmlab.kernel.mm.VmFlags.LOCKED)) {
        locked[0] = true;
      }
    });
    return locked[0];
  }

  private boolean anyDirtyPte(int pfn) {
    boolean[] d = {false};
    rmap.walk(pfn, (mm, vma, va, pos) -> {
      if ((format.flags(mm.pageTable().entry(pos)) & PteFlags.DIRTY) != 0) {
        d[0] = true;
      }
    });
    return d[0];
  }

  /**
   * try_to_unmap(): each PTE mapping the page is cleared, or replaced by the swap entry; the
   * counters change directly (not through the task cache).
   */
  private void unmap(int pfn, int slot) {
    boolean anon = mem.test(pfn, PageFlags.ANON);
    boolean exclusive = mem.test(pfn, PageFlags.ANON_EXCLUSIVE);
    rmap.walk(pfn, (mm, vma, va, pos) -> {
      mm.pageTable().setEntry(pos, slot >= 0 ? format.encodeSwap(SwapEntry.of(slot, exclusive)) : 0);
      if (slot >= 0) {
        swap.dup(slot);
        mm.rss().add(RssStat.SWAPENTS, 1);
      }
      mm.rss().add(anon ? RssStat.ANON : (mem.test(pfn, PageFlags.SWAPBACKED) ? RssStat.SHMEM : RssStat.FILE), -1);
      mem.addMapcount(pfn, -1);
      mem.addRefcount(pfn, -1);
      tlb.flushRange(mm.id(), va >>> 12, (va >>> 12) + 1);
    });
  }

  private void free(int pfn) {
    mem.clear(pfn, PageFlags.LRU);
    if (budget >= 0) {
      inUse--;
    }
    mem.contents().drop(pfn);
    mem.put(pfn);
  }

  /** split_huge_page() before reclaim: every mapping of the huge page becomes a table of PTEs. */
  void splitThp(int head) {
    rmap.walk(head, (mm, vma, va, pos) -> {
      long size = mm.pageTable().span(mm.pageTable().pteDepth() - 1);
      kernel.memoryManager().splitHugePmd(mm, pos, va & ~(size - 1));
    });
  }

  /** folio_referenced() through rmap, clearing the accessed bits it finds. */
  boolean testAndClearReferenced(int pfn) {
    boolean[] young = {mem.test(pfn, PageFlags.REFERENCED)};
    mem.clear(pfn, PageFlags.REFERENCED);
    rmap.walk(pfn, (mm, vma, va, pos) -> {
      long e = mm.pageTable().entry(pos);
      int f = format.flags(e);
      if ((f & PteFlags.ACCESSED) != 0) {
        young[0] = true;
        mm.pageTable().setEntry(pos, format.encode(format.pfn(e), f & ~PteFlags.ACCESSED));
        // Flushed so the next access sets the bit again (ptep_clear_flush_young).
        tlb.flushRange(mm.id(), va >>> 12, (va >>> 12) + 1);
      }
    });
    return young[0];
  }

  /** Swap slots in use, for reports. */
  SwapSpace swap() {
    return swap;
  }

  OomKiller oom() {
    return oom;
  }

  /** What the policy sees of the machine. */
  private final class Context implements ReplacementContext {
    private final SplittableRandom random;

    Context(SplittableRandom random) {
      this.random = random;
    }

    @Override
    public int capacity() {
      return mem.frames();
    }

    @Override
    public SplittableRandom random() {
      return random;
    }

    @Override
    public boolean testAndClearReferenced(int frame) {
      return Reclaim.this.testAndClearReferenced(frame);
    }

    @Override
    public boolean dirty(int frame) {
      return mem.test(frame, PageFlags.DIRTY) || anyDirtyPte(frame);
    }

    @Override
    public boolean anonymous(int frame) {
      return mem.test(frame, PageFlags.ANON);
    }

    @Override
    public long page(int frame) {
      return mem.index(frame);
    }

    @Override
    public long nextReference(int frame) {
      if (future == null) {
        throw new UnsupportedOperationException("this run has no known future: OPT needs a trace replay");
      }
      return future.nextReference(mem.index(frame));
    }
  }

}
