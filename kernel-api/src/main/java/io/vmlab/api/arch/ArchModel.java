package io.vmlab.api.arch;

import java.util.List;
import java.util.Optional;

/** An architecture configured for one machine: everything the kernel asks of the hardware. */
public interface ArchModel {
  /** The {@link Architecture#id()}. */
  String archId();

  /** The paging mode. */
  String pagingMode();

  /** The user/kernel split, e.g. {@code 3G/1G}, or an empty string when it is fixed. */
  String split();

  /** Levels, shifts and folding. */
  PagingGeometry geometry();

  /** Entry bits. */
  EntryFormat entryFormat();

  /** sizeof(void *) of the kernel: sets the /proc/PID/maps padding (25 + 6 * size - 1 columns). */
  int kernelPointerBytes();

  /** PAGE_OFFSET: the start of the kernel's direct map. */
  long pageOffset();

  /** TASK_SIZE_MAX: faults at or above it take the kernel-address path. */
  long taskSizeMax();

  /** The process ABIs this machine runs; the first is the native one. */
  List<ProcessAbi> abis();

  /** The native process ABI. */
  default ProcessAbi nativeAbi() {
    return abis().get(0);
  }

  /** The ABI named {@code name} ({@code x86_64}, {@code i386}). */
  default Optional<ProcessAbi> abi(String name) {
    return abis().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** User half, kernel half or non-canonical. */
  AddressClass classify(long va);

  /** The kernel's own areas (direct map, vmalloc, fixmap, ...), lowest first. */
  List<KernelArea> kernelAreas();

  /** The gate area user space may touch in the kernel half ({@code [vsyscall]}), if any. */
  Optional<KernelArea> gateArea();

  /**
   * Lower-level tables pgd_alloc() allocates with each page directory and that count in VmPTE
   * (PAE: the PMDs, arch/x86/mm/pgtable.c preallocate_pmds); 0 elsewhere.
   */
  int preallocatedTables();

  /**
   * Of the {@link #preallocatedTables()}, how many back the first root (pgd) entries of user space
   * from the start: PAE's user PMDs (KERNEL_PGD_BOUNDARY of them). After creation they are ordinary
   * tables (free_pgtables may free one). The rest are kernel-side and only counted. 0 elsewhere.
   */
  default int preallocatedUserEntries() {
    return 0;
  }

  /**
   * Whether the kernel allocates, at boot, the tables below the top level for its whole vmalloc
   * area and shares them with every process (x86-64: preallocate_vmalloc_pages), so a process's
   * page directory never misses a vmalloc mapping. IA-32 copies the kernel's entries into each
   * new page directory instead, which a later vmalloc can leave stale (repaired by vmalloc_fault).
   */
  default boolean vmallocTablesShared() {
    return false;
  }

  /** HAVE_ARCH_SOFT_DIRTY: whether soft-dirty tracking exists (x86-64 only). */
  default boolean softDirty() {
    return false;
  }

  /** Which get_unmapped_area() the kernel of this architecture uses. */
  MmapSearch mmapSearch();

  /** The arch part of page-fault handling. */
  ArchFaultHandler faults();
}
