package io.vmlab.kernel.memory;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import java.util.HashMap;
import java.util.Map;

/**
 * Faults on the vDSO's special mappings (arch/x86/entry/vdso/vma.c), which map nothing at exec:
 * vdso_fault() hands out the vDSO image's page (a kernel page, counted as a file page in RSS;
 * vmlab's image is an ELF header followed by zeros), and vvar_fault() inserts a PFN (no RSS) for
 * the data pages that exist, SIGBUS for the others: before 6.13 [vvar] is {data, pvclock,
 * hvclock, time namespace}; from 6.13 [vvar] is {data, time namespace, rng, arch} and
 * [vvar_vclock] {pvclock, hvclock}. The pvclock page exists on KVM guests with kvm-clock only;
 * Hyper-V and time-namespace pages never do here.
 */
final class SpecialPageFault {
  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;
  private final Pages pages;
  /** The vDSO image's frames, by ELF class and page: kernel pages that are never freed. */
  private final Map<Integer, Integer> vdsoFrames = new HashMap<>();

  SpecialPageFault(Kernel kernel, Pages pages) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
    this.pages = pages;
  }

  /** Whether the fault is one of these (a VMA without a file or anon_vma but with a vDSO name). */
  static boolean handles(Vma vma) {
    String n = vma.specialName();
    return "[vdso]".equals(n) || "[vvar]".equals(n) || "[vvar_vclock]".equals(n);
  }

  /** Maps the page at {@code addr}: a Fault code, with {@code pos} the PTE's position if mapped. */
  int fault(MmStruct mm, Vma vma, long addr, int[] pos) {
    long index = vma.pgoffOf(addr);
    PageTable pt = mm.pageTable();
    boolean vdso = "[vdso]".equals(vma.specialName());
    if (!vdso && !vvarPageExists(vma.specialName(), index)) {
      return Fault.SIGBUS;
    }
    int p = pt.populate(addr, pt.pteDepth());
    if (p < 0) {
      return Fault.OOM;
    }
    pos[0] = p;
    int prot = kernel.memoryManager().faults().pageProt(vma) & ~PteFlags.RW;
    if (!vdso) {
      // vmf_insert_pfn(): a special PTE, no struct page behind it for RSS or rmap.
      pt.setEntry(p, format.encode(mem.zeroPfn(), prot | PteFlags.SPECIAL));
      return Fault.OK;
    }
    int pfn = vdsoFrame(mm.abi(), (int) index);
    if (pfn < 0) {
      return Fault.OOM;
    }
    pages.addFileMap(pfn);
    mm.rss().addFast(RssStat.FILE, 1);
    pt.setEntry(p, format.encode(pfn, prot));
    return Fault.OK;
  }

  private boolean vvarPageExists(String name, long index) {
    boolean kvmclock = kernel.spec().cpu().kvmclock();
    if (kernel.version().atLeast(6, 13)) {
      return "[vvar_vclock]".equals(name) ? index == 0 && kvmclock : index == 0 || index == 2;
    }
    return index == 0 || (index == 1 && kvmclock);
  }

  private int vdsoFrame(ProcessAbi abi, int index) {
    int key = abi.elfClass() * 64 + index;
    Integer f = vdsoFrames.get(key);
    if (f != null) {
      return f;
    }
    int pfn = mem.allocPage(0);
    if (pfn < 0) {
      return -1;
    }
    mem.set(pfn, PageFlags.RESERVED | PageFlags.UPTODATE);
    if (index == 0) {
      mem.contents().put(pfn, elfHeader(abi));
    }
    vdsoFrames.put(key, pfn);
    return pfn;
  }

  /** The start of the vDSO image: an ELF header of the ABI's class and machine (ET_DYN). */
  private static byte[] elfHeader(ProcessAbi abi) {
    byte[] b = new byte[PhysicalMemory.PAGE_SIZE];
    b[0] = 0x7f;
    b[1] = 'E';
    b[2] = 'L';
    b[3] = 'F';
    b[4] = (byte) abi.elfClass();
    b[5] = 1; // little-endian
    b[6] = 1; // EV_CURRENT
    b[0x10] = 3; // ET_DYN
    b[0x12] = (byte) abi.elfMachine();
    b[0x13] = (byte) (abi.elfMachine() >>> 8);
    b[0x14] = 1;
    return b;
  }
}
