package io.vmlab.api.policy;

import org.pf4j.ExtensionPoint;

/**
 * Which neighbours of a file read fault are mapped along with it, from the page cache (Linux:
 * do_fault_around). Found by {@link #name()} from {@code policies.fault_around}.
 */
public interface FaultAroundPolicy extends ExtensionPoint {
  /** The name YAML uses, e.g. {@code linux}. */
  String name();

  /** One line for {@code vmlab plugins}. */
  String description();

  /**
   * The first page of the window around a read fault. The window holds {@link #windowPages} pages
   * at most; the kernel clips it to the VMA and the page table.
   *
   * @param faultAddress the faulting address
   * @param vmaStart start of the VMA
   * @param vmaEnd end of the VMA
   * @param tableSpan bytes one page-table page maps (2 MiB, or 4 MiB on IA-32 2-level)
   * @param bytes the configured fault-around size in bytes
   * @return the window's start address, page aligned, at or below {@code faultAddress}
   */
  long windowStart(long faultAddress, long vmaStart, long vmaEnd, long tableSpan, long bytes);

  /** The most pages one fault maps, for a configured size of {@code bytes}; 1 turns it off. */
  default int windowPages(long bytes) {
    return (int) Math.max(1, Long.highestOneBit(Math.max(bytes, 1)) >>> 12);
  }
}
