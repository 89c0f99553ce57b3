package io.vmlab.arch.ia32;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PageTableAccess;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.api.arch.x86.X86FaultHandler;

/**
 * IA-32's kernel-address faults: a vmalloc address whose PMD (the PGD entry on 2-level) is
 * missing in the process's table is synced from the reference table (arch/x86/mm/fault.c
 * vmalloc_fault, X86_32 only), because each process has its own copy of the kernel's top level.
 */
final class Ia32FaultHandler extends X86FaultHandler {
  private final EntryFormat format;
  private final long vmallocStart;
  private final long vmallocEnd;

  Ia32FaultHandler(long taskSizeMax, EntryFormat format, long vmallocStart, long vmallocEnd) {
    super(taskSizeMax, format, 0, 0);
    this.format = format;
    this.vmallocStart = vmallocStart;
    this.vmallocEnd = vmallocEnd;
  }

  /** vmalloc_fault(): sync the PMD entry, then require a present PTE in the reference table. */
  @Override
  protected boolean vmallocFault(long va, PageTableAccess tables) {
    if (Long.compareUnsigned(va, vmallocStart) < 0 || Long.compareUnsigned(va, vmallocEnd) >= 0) {
      return false;
    }
    if (!tables.syncFromReference(PageLevel.PMD, va)) {
      return false;
    }
    long pmd = tables.referenceEntry(PageLevel.PMD, va);
    if ((format.flags(pmd) & PteFlags.HUGE) != 0) {
      return true;
    }
    return format.present(tables.referenceEntry(PageLevel.PTE, va));
  }
}
