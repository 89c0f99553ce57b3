package io.vmlab.kernel.mm;

import io.vmlab.kernel.Task;
import java.util.List;

/**
 * What the VMA layer asks of the page layer (mm/memory.c): zapping, freeing page tables,
 * changing protections, moving and populating pages. The kernel's memory manager implements it.
 */
public interface PageOps {
  /** unmap_vmas() / zap_page_range(): removes the pages of [start, end) in {@code vma}. */
  void zap(MmStruct mm, Vma vma, long start, long end);

  /**
   * free_pgtables(): frees the page tables of removed VMAs (address order), given the end of
   * the VMA below them (floor) and the start of the one above (ceiling; 0 = none).
   */
  void freePgtables(MmStruct mm, List<Vma> removed, long floor, long ceiling);

  /** change_protection(): rewrites the PTEs of [start, end) for the VMA's new flags. */
  void changeProtection(MmStruct mm, Vma vma, long start, long end);

  /** move_page_tables(): moves the PTEs of [old, old+len) to [new, new+len); returns bytes moved. */
  long movePageTables(MmStruct mm, Vma oldVma, long oldAddr, Vma newVma, long newAddr, long len);

  /** {@link #populate} as mlock and MAP_POPULATE do it: populate_vma_page_range(). */
  int POPULATE_LOCK = 0;
  /** {@link #populate} for MADV_POPULATE_READ: faultin_vma_page_range() without FOLL_WRITE. */
  int POPULATE_READ = 1;
  /** {@link #populate} for MADV_POPULATE_WRITE: faultin_vma_page_range() with FOLL_WRITE. */
  int POPULATE_WRITE = 2;

  /**
   * Faults in the pages of [start, end) of a VMA through get_user_pages (mm/gup.c). With
   * {@link #POPULATE_LOCK}, populate_vma_page_range(): write faults for private writable VMAs,
   * FOLL_FORCE unless PROT_NONE. With {@link #POPULATE_READ}/{@link #POPULATE_WRITE},
   * faultin_vma_page_range(): the VMA must permit the access (check_vma_flags). Returns 0 or a
   * negated errno: EFAULT (the VMA refuses the access, or a fault ended in SIGBUS/SIGSEGV),
   * ENOMEM (out of memory).
   */
  long populate(Task task, Vma vma, long start, long end, int how);

  /** Flushes TLB entries of [start, end) for the mm. */
  void flushTlb(MmStruct mm, long start, long end);

  /** split_huge_pmd_if_needed(): a VMA boundary at {@code addr} splits a huge PMD around it. */
  void splitHugePmdAt(MmStruct mm, long addr);

  /** fallocate(PUNCH_HOLE) of the file pages [first, end): unmapped everywhere, zero after. */
  void punchHole(io.vmlab.kernel.fs.Inode inode, long first, long end);

  /** MADV_COLD / MADV_PAGEOUT over [start, end) of a VMA: ages its pages, and with pageout reclaims them. */
  void coldOrPageout(MmStruct mm, Vma vma, long start, long end, boolean pageout);

  /** MADV_FREE: marks the clean anonymous pages of [start, end) lazily freeable. */
  void lazyFree(MmStruct mm, Vma vma, long start, long end);
}
