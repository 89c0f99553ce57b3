package io.vmlab.api.arch;

/**
 * What the arch fault code may read and repair in page tables: the faulting process's table and
 * the kernel's reference table (init_mm, which holds the vmalloc mappings).
 */
public interface PageTableAccess {
  /** The entry at {@code level} for {@code va} in the process's table; 0 if the walk stops above it. */
  long processEntry(PageLevel level, long va);

  /** The entry at {@code level} for {@code va} in the reference table; 0 if the walk stops above it. */
  long referenceEntry(PageLevel level, long va);

  /**
   * Copies the reference table's entry at {@code level} for {@code va} into the process's table
   * (vmalloc_sync_one). Returns false if the reference entry is not present.
   */
  boolean syncFromReference(PageLevel level, long va);
}
