package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.KernelArea;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;

/**
 * The kernel's own mappings in the reference page table (init_mm): the direct map of low memory
 * with the largest pages the PMD level offers (set up at boot, before any process, so every page
 * directory copies it), and the vmalloc area, mapped page by page on demand. Where the
 * architecture shares its vmalloc tables (x86-64), the tables under the top level are allocated at
 * boot; elsewhere (IA-32) a vmalloc after a process was created is missing from its page directory
 * until a vmalloc fault syncs it.
 */
public final class KernelMappings {
  private static final int KERNEL_FLAGS = PteFlags.PRESENT | PteFlags.RW | PteFlags.ACCESSED | PteFlags.DIRTY
      | PteFlags.GLOBAL | PteFlags.NX;

  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final PageTable ref;
  private final KernelArea vmallocArea;
  private long vmallocNext;

  KernelMappings(Kernel kernel) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
    this.ref = kernel.referenceTable();
    this.vmallocArea = kernel.arch().kernelAreas().stream().filter(a -> a.kind() == KernelArea.Kind.VMALLOC)
        .findFirst().orElse(null);
    this.vmallocNext = vmallocArea == null ? 0 : vmallocArea.start();
    mapDirect();
    if (vmallocArea != null && kernel.arch().vmallocTablesShared()) {
      long span = ref.span(0);
      for (long a = vmallocArea.start(); Long.compareUnsigned(a, vmallocArea.end() - 1) <= 0 && a != 0; a += span) {
        if (ref.populate(a, 1) < 0) {
          throw new IllegalStateException("out of memory preallocating the vmalloc tables");
        }
        if (a + span < a) {
          break;
        }
      }
    }
  }

  /** The direct map: physical memory at PAGE_OFFSET, as huge leaves one level above the PTEs. */
  private void mapDirect() {
    KernelArea direct = kernel.arch().kernelAreas().stream().filter(a -> a.kind() == KernelArea.Kind.DIRECT_MAP)
        .findFirst().orElse(null);
    if (direct == null) {
      return;
    }
    int d = ref.pteDepth() - 1;
    long leaf = ref.span(d);
    long bytes = Math.min((long) mem.frames() << 12, direct.end() - direct.start());
    for (long off = 0; off < bytes; off += leaf) {
      int pos = ref.populate(direct.start() + off, d);
      if (pos < 0) {
        throw new IllegalStateException("out of memory mapping the direct map");
      }
      ref.setEntry(pos, format.encode(off >>> 12, KERNEL_FLAGS | PteFlags.HUGE));
    }
  }

  /** vmalloc(): maps {@code bytes} of fresh pages in the vmalloc area; the address or -ENOMEM. */
  public long vmalloc(long bytes) {
    if (vmallocArea == null || bytes <= 0) {
      return Errno.ENOMEM.neg();
    }
    long size = (bytes + 0xfff) & ~0xfffL;
    long start = vmallocNext;
    if (Long.compareUnsigned(start + size + 4096, vmallocArea.end()) > 0) {
      return Errno.ENOMEM.neg();
    }
    for (long a = start; a < start + size; a += 4096) {
      int pfn = mem.allocPage(PageFlags.RESERVED);
      int pos = pfn < 0 ? -1 : ref.populate(a, ref.pteDepth());
      if (pos < 0) {
        return Errno.ENOMEM.neg();
      }
      ref.setEntry(pos, format.encode(pfn, KERNEL_FLAGS));
    }
    vmallocNext = start + size + 4096;
    return start;
  }
}
