package io.vmlab.api.arch;

/** Which get_unmapped_area() an architecture's kernel uses. */
public enum MmapSearch {
  /**
   * mm/mmap.c generic_get_unmapped_area(_topdown) (32-bit x86): hints are page-aligned up and
   * must lie at or above mmap_min_addr; a failed top-down search retries bottom-up from
   * TASK_UNMAPPED_BASE.
   */
  GENERIC,
  /**
   * arch/x86/kernel/sys_x86_64.c (64-bit kernels, also for compat tasks): MAP_32BIT's window,
   * the 47-bit default window with LA57, and a bottom-up retry from mmap_legacy_base.
   */
  X86_64
}
