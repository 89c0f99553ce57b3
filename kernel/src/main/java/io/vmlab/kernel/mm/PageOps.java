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

  /**
   * populate_vma_page_range() through get_user_pages: faults in the pages of [start, end) of a
   * VMA (writes for private writable ones). Returns false if a fault failed (OOM, SIGBUS).
   */
  boolean populate(Task task, Vma vma, long start, long end);

  /** Flushes TLB entries of [start, end) for the mm. */
  void flushTlb(MmStruct mm, long start, long end);

  /** MADV_FREE: marks the clean anonymous pages of [start, end) lazily freeable. */
  void lazyFree(MmStruct mm, Vma vma, long start, long end);
}
