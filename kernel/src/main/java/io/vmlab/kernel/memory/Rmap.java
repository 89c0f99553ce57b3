package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.fs.AddressSpace;
import io.vmlab.kernel.mm.AnonVma;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import java.util.List;

/**
 * rmap_walk() of mm/rmap.c: from a frame to every PTE that maps it, through the page's anon_vma
 * (anonymous pages: address = vma start + (index - vm_pgoff) pages) or its file's i_mmap.
 */
final class Rmap {
  /** Called for each PTE (or huge PMD) that maps the frame. */
  interface Visitor {
    void visit(MmStruct mm, Vma vma, long va, int pos);
  }

  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;

  Rmap(Kernel kernel) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
  }

  /** Visits every mapping of {@code pfn} (a base page or a compound head). */
  void walk(int pfn, Visitor v) {
    List<Vma> vmas;
    int id = mem.mapping(pfn);
    if (mem.test(pfn, PageFlags.ANON)) {
      AnonVma av = kernel.mappings().anonVma(id);
      if (av == null) {
        return;
      }
      vmas = List.copyOf(av.vmas());
    } else {
      AddressSpace as = kernel.mappings().addressSpace(id);
      if (as == null) {
        return;
      }
      vmas = List.copyOf(as.vmas());
    }
    long index = mem.index(pfn);
    for (Vma vma : vmas) {
      if (index < vma.pgoff() || index >= vma.pgoff() + vma.pages()) {
        continue;
      }
      long va = vma.start() + ((index - vma.pgoff()) << 12);
      PageTable pt = vma.mm().pageTable();
      int pos = pt.lookup(va);
      if (pos < 0) {
        continue;
      }
      long e = pt.entry(pos);
      boolean mapped = e != 0 && (format.present(e) || (format.flags(e) & PteFlags.PROTNONE) != 0);
      if (mapped && format.pfn(e) == pfn) {
        v.visit(vma.mm(), vma, va, pos);
      }
    }
  }
}
