package io.vmlab.kernel.memory;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.fs.AddressSpace;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.mm.AnonVma;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;

/**
 * User pages: allocation for anonymous memory and the page cache, the reverse-map counters
 * (page_add_new_anon_rmap, page_add_file_rmap, page_remove_rmap), the LRU hand-off to the
 * replacement policy, and page contents (what a read of a frame returns).
 */
final class Pages {
  private final Kernel kernel;
  private final PhysicalMemory mem;
  private Lru lru;

  Pages(Kernel kernel, Lru lru) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.lru = lru;
  }

  /** Switches the page source (reclaim with a replacement policy, or the policy-study pool). */
  void setLru(Lru lru) {
    this.lru = lru;
  }

  PhysicalMemory memory() {
    return mem;
  }

  Lru lru() {
    return lru;
  }

  /** A zeroed anonymous page (alloc_zeroed_user_highpage_movable); -1 if none. */
  int allocAnon() {
    int pfn = lru.allocate();
    if (pfn >= 0) {
      mem.contents().drop(pfn);
    }
    return pfn;
  }

  /**
   * page_add_new_anon_rmap() + lru_cache_add_inactive_or_unevictable(): a new exclusive
   * anonymous page of {@code vma} at {@code addr}.
   */
  void addNewAnon(int pfn, Vma vma, long addr) {
    AnonVma av = vma.anonVma();
    mem.set(pfn, PageFlags.ANON | PageFlags.SWAPBACKED | PageFlags.ANON_EXCLUSIVE | PageFlags.UPTODATE | PageFlags.DIRTY);
    mem.setMapping(pfn, av.id());
    mem.setIndex(pfn, vma.pgoffOf(addr));
    mem.addMapcount(pfn, 1);
    lru.add(pfn);
  }

  /** page_move_anon_rmap(): the page now belongs to this VMA's anon_vma alone. */
  void moveAnon(int pfn, Vma vma) {
    mem.setMapping(pfn, vma.anonVma().id());
    mem.set(pfn, PageFlags.ANON_EXCLUSIVE);
  }

  /** page_add_file_rmap() with the reference the PTE holds. */
  void addFileMap(int pfn) {
    mem.get(pfn);
    mem.addMapcount(pfn, 1);
  }

  /** page_dup_file_rmap / page_try_dup_anon_rmap (fork): one more PTE maps the page. */
  void dupMap(int pfn) {
    mem.get(pfn);
    mem.addMapcount(pfn, 1);
    mem.clear(pfn, PageFlags.ANON_EXCLUSIVE);
  }

  /** page_remove_rmap() + the PTE's reference: the last reference frees the page. */
  void removeMap(int pfn) {
    mem.addMapcount(pfn, -1);
    release(pfn);
  }

  /** put_page() that also takes the page off the LRU when it is freed. */
  void release(int pfn) {
    if (mem.refcount(pfn) == 1) {
      lru.freed(pfn);
      mem.contents().drop(pfn);
    }
    mem.put(pfn);
  }

  /** Whether the frame is an anonymous page. */
  boolean anon(int pfn) {
    return mem.test(pfn, PageFlags.ANON);
  }

  /** The cached page {@code index} of {@code inode}, creating it for shmem; -1 if beyond EOF or OOM. */
  int cachePage(Inode inode, long index) {
    AddressSpace as = inode.mapping();
    int pfn = as.find(index);
    if (pfn >= 0) {
      return pfn;
    }
    if (index >= inode.pages()) {
      return -1;
    }
    kernel.mappings().register(as);
    pfn = lru.allocate();
    if (pfn < 0) {
      return -1;
    }
    int flags = PageFlags.FILE | PageFlags.UPTODATE;
    if (inode.shmem()) {
      // shmem_get_folio_gfp(): a hole becomes a clean zeroed page; only writes dirty it.
      flags |= PageFlags.SWAPBACKED;
    }
    mem.set(pfn, flags);
    mem.setMapping(pfn, as.id());
    mem.setIndex(pfn, index);
    mem.contents().put(pfn, inode.storedPage(index));
    as.add(index, pfn);
    lru.add(pfn);
    return pfn;
  }

  /** Reads one byte of a frame: written bytes, else the file's contents, else zero. */
  int read(int pfn, int offset) {
    int b = mem.contents().peek(pfn, offset);
    if (b >= 0) {
      return b;
    }
    if (mem.test(pfn, PageFlags.FILE)) {
      AddressSpace as = kernel.mappings().addressSpace(mem.mapping(pfn));
      if (as != null) {
        Inode inode = as.host();
        long pos = (mem.index(pfn) << 12) + offset;
        return pos < inode.size() ? inode.fill() : 0;
      }
    }
    return 0;
  }

  /** Writes one byte of a frame. */
  void write(int pfn, int offset, int value) {
    if (!mem.contents().has(pfn) && mem.test(pfn, PageFlags.FILE)) {
      materialize(pfn, pfn);
    }
    mem.contents().poke(pfn, offset, value);
  }

  /** copy_user_highpage(): {@code to} gets the bytes of {@code from}. */
  void copy(int from, int to) {
    if (mem.contents().has(from) || !mem.test(from, PageFlags.FILE)) {
      mem.contents().copy(from, to);
    } else {
      materialize(from, to);
    }
  }

  /** Writes a file page's implicit contents (fill byte up to EOF) into {@code to}. */
  private void materialize(int filePfn, int to) {
    AddressSpace as = kernel.mappings().addressSpace(mem.mapping(filePfn));
    if (as == null) {
      mem.contents().drop(to);
      return;
    }
    Inode inode = as.host();
    long pos = mem.index(filePfn) << 12;
    long valid = Math.max(0, Math.min(4096, inode.size() - pos));
    mem.contents().fill(to, inode.fill(), (int) valid);
  }
}
