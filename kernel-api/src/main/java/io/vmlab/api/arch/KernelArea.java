package io.vmlab.api.arch;

/**
 * A region of the kernel's address space, for {@code vmlab translate} and kernel-mode accesses.
 *
 * @param name e.g. {@code direct map}, {@code vmalloc}, {@code fixmap}, {@code vsyscall}
 * @param start first address
 * @param end one past the last address (unsigned; 0 means the top of the address space)
 * @param kind what the kernel does with it
 */
public record KernelArea(String name, long start, long end, Kind kind) {
  /** What kind of kernel memory an area holds. */
  public enum Kind {
    /** The linear map of physical memory (lowmem). */
    DIRECT_MAP,
    /** vmalloc/ioremap space, mapped on demand in the reference (init_mm) page table. */
    VMALLOC,
    /** Kernel text, modules, fixmap, pkmap, cpu entry area and the like. */
    KERNEL,
    /** A page user space may use although it lies in the kernel half (x86-64's vsyscall page). */
    GATE
  }

  /** Whether {@code va} lies inside this area (unsigned comparison). */
  public boolean contains(long va) {
    return Long.compareUnsigned(va, start) >= 0 && (end == 0 || Long.compareUnsigned(va, end) < 0);
  }
}
