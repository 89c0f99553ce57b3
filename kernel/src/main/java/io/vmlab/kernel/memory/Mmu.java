package io.vmlab.kernel.memory;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.AddressClass;
import io.vmlab.api.arch.ArchFaultHandler;
import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.KernelFaultOutcome;
import io.vmlab.api.arch.PageFaultError;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PageTableAccess;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.StackGrowth;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.pgtable.PageTable;

/**
 * One CPU's access path: the TLB, then a page-table walk that sets the accessed and dirty bits,
 * then, if the hardware faults, arch/x86/mm/fault.c (kernel- vs user-address faults, error
 * codes, vmalloc sync on IA-32, access_error, stack growth) and handle_mm_fault().
 *
 * <p>{@link #access} returns an outcome code; the details of a signal are in the fields read by
 * the accessors until the next access. Nothing is allocated on the way.
 */
public final class Mmu {
  /** The access completed. */
  public static final int OK = 0;
  /** SIGSEGV: see {@link #siCode()}, {@link #errorCode()}, {@link #faultAddress()}. */
  public static final int SIGSEGV = 1;
  /** SIGBUS (BUS_ADRERR): an access beyond the end of a mapped file. */
  public static final int SIGBUS = 2;
  /** A kernel-mode access to a bad user address: the exception table fixup; the syscall returns EFAULT. */
  public static final int FIXUP = 3;
  /** A kernel-mode fault with no fixup: an oops. */
  public static final int OOPS = 4;
  /** Out of memory and nothing to reclaim or kill. */
  public static final int OOM = 5;

  /** si_code SEGV_MAPERR. */
  public static final int SEGV_MAPERR = 1;
  /** si_code SEGV_ACCERR. */
  public static final int SEGV_ACCERR = 2;
  /** si_code BUS_ADRERR. */
  public static final int BUS_ADRERR = 2;
  /** si_code SI_KERNEL (a #GP). */
  public static final int SI_KERNEL = 0x80;

  private final Kernel kernel;
  private final Tlb tlb;
  private final FaultHandler faults;
  private Lru lru;
  private final EntryFormat format;
  private final ArchFaultHandler arch;
  private final boolean nx;
  private boolean everyReference;

  private int siCode;
  private int errorCode;
  private int trapno;
  private long faultAddress;
  private int pfn;
  private String oops;
  private long vmallocFaults;
  private long accesses;
  private long tlbMisses;
  private int lastOutcome;
  private long walkLevels;

  Mmu(Kernel kernel, Tlb tlb, FaultHandler faults, Lru lru, boolean nx) {
    this.kernel = kernel;
    this.tlb = tlb;
    this.faults = faults;
    this.lru = lru;
    this.format = kernel.arch().entryFormat();
    this.arch = kernel.arch().faults();
    this.nx = nx;
    this.everyReference = lru.wantsEveryReference();
  }

  /**
   * An access by {@code task} to {@code va}.
   *
   * @param user whether the CPU is in user mode (else the kernel touches memory, as
   *     copy_to_user does, and a bad address ends in a fixup or an oops)
   */
  public int access(Task task, long va, Access access, boolean user) {
    accesses++;
    MmStruct mm = task.mm();
    tlb.switchTo(mm.id());
    long vpn = va >>> 12;
    int slot = tlb.lookup(vpn);
    if (slot >= 0 && allowed(tlb.perms(slot), access, user)) {
      if (access == Access.WRITE && (tlb.perms(slot) & Tlb.DIRTY) == 0) {
        setAccessBits(mm, va, true);
        tlb.markDirty(slot);
      }
      pfn = tlb.frame(slot);
      if (everyReference) {
        lru.referenced(pfn);
      }
      return OK;
    }
    tlbMisses++;
    kernel.setCurrent(task);
    int r = walkAndFault(task, mm, va, vpn, access, user);
    kernel.reapIfKilled(task);
    return r;
  }

  /** The kinds of {@link #accessAll}'s words: instruction fetch, read, write, read-modify-write. */
  private static final Access[] KINDS = {Access.EXEC, Access.READ, Access.WRITE, Access.WRITE};
  /** The TLB permission bits a kind needs for a hit that changes nothing (a write: already dirty). */
  private static final int[] HIT_NEEDS = {Tlb.USER | Tlb.EXEC, Tlb.USER, Tlb.USER | Tlb.WRITABLE | Tlb.DIRTY,
      Tlb.USER | Tlb.WRITABLE | Tlb.DIRTY};

  /**
   * User-mode accesses for {@code words[from..to)}, each {@code vpn << 3 | kind} (bit 2 ignored; kind 0 fetch, 1
   * read, 2 write, 3 read-modify-write, which faults as a write): exactly as many calls of
   * {@link #access}, but a TLB hit that changes no state is counted in bulk, so a trace replay's
   * common case costs a lookup. Returns the index of the first access that did not end
   * {@link #OK} (its details in {@link #siCode()} and the rest), or {@code to}.
   */
  public int accessAll(Task task, long[] words, int from, int to) {
    MmStruct mm = task.mm();
    tlb.switchTo(mm.id());
    long hits = 0;
    int i = from;
    try {
      for (; i < to; i++) {
        long w = words[i];
        int kind = (int) w & 3;
        int slot = tlb.find(w >>> 3);
        if (slot >= 0) {
          int need = HIT_NEEDS[kind];
          if ((tlb.perms(slot) & need) == need) {
            hits++;
            if (everyReference) {
              lru.referenced(tlb.frame(slot));
            }
            continue;
          }
        }
        accesses += hits;
        tlb.countHits(hits);
        hits = 0;
        int r = access(task, (w >>> 3) << 12, KINDS[kind], true);
        if (r != OK) {
          lastOutcome = r;
          return i;
        }
      }
      return to;
    } finally {
      accesses += hits;
      tlb.countHits(hits);
    }
  }

  private int walkAndFault(Task task, MmStruct mm, long va, long vpn, Access access, boolean user) {
    if (kernel.arch().classify(va) == AddressClass.NON_CANONICAL) {
      // #GP before any walk: SIGSEGV with si_code SI_KERNEL, address 0.
      return signal(SIGSEGV, SI_KERNEL, 0, PageFaultError.TRAP_GP, 0);
    }
    PageTable pt = mm.pageTable();
    for (int attempt = 0; attempt < 8; attempt++) {
      walkLevels += pt.pteDepth() + 1;
      int pos = pt.lookup(va);
      long e = pos >= 0 ? pt.entry(pos) : 0;
      boolean present = e != 0 && format.present(e);
      if (present) {
        int f = format.flags(e);
        if (permits(f, access, user)) {
          int nf = f | PteFlags.ACCESSED | (access == Access.WRITE ? PteFlags.DIRTY : 0);
          if (nf != f) {
            pt.setEntry(pos, format.encode(format.pfn(e), nf));
          }
          int frame = (int) format.pfn(e);
          if ((f & PteFlags.HUGE) != 0 && (f & PteFlags.SPECIAL) == 0) {
            int d = pt.leafDepth(va);
            if (d < pt.pteDepth()) {
              frame += (int) ((va & (pt.span(d) - 1)) >>> 12);
            }
          }
          tlb.fill(vpn, frame, tlbPerms(nf));
          pfn = frame;
          if (everyReference) {
            lru.referenced(frame);
          }
          return OK;
        }
      }
      // The recorded 686-pae kernel (user pages executable) still reports the fetch bit: EFER.NXE is
      // on even where the kernel leaves NX off its user PTEs, so the machine's nx does not clear it.
      int code = arch.errorCode(present, access, user);
      int r = pageFault(task, mm, va, code, access, user);
      if (r != RETRY) {
        return r;
      }
    }
    throw new IllegalStateException("fault at 0x" + Long.toHexString(va) + " did not resolve");
  }

  private static final int RETRY = -1;

  /** handle_page_fault(): the kernel/user address split, then do_user_addr_fault(). */
  private int pageFault(Task task, MmStruct mm, long va, int code, Access access, boolean user) {
    if (arch.isKernelAddress(va)) {
      KernelFaultOutcome out = arch.kernelAddressFault(va, code, tableAccess(mm));
      if (out == KernelFaultOutcome.VMALLOC_SYNCED) {
        vmallocFaults++;
        tlb.flushRange(mm.id(), va >>> 12, (va >>> 12) + 1);
        return RETRY;
      }
      if (out == KernelFaultOutcome.SPURIOUS) {
        return RETRY;
      }
      return badArea(va, code, user, SEGV_MAPERR);
    }
    if (!user) {
      String why = arch.userAddressOops(va, code);
      if (why != null) {
        oops = why;
        return signal(OOPS, 0, va, PageFaultError.TRAP_PF, code);
      }
    }
    Vma vma = mm.vmas().find(va);
    if (vma == null) {
      return badArea(va, code, user, SEGV_MAPERR);
    }
    if (vma.start() > va) {
      if (!vma.has(VmFlags.GROWSDOWN) || !StackGrowth.expandDownwards(task, vma, va)) {
        return badArea(va, code, user, SEGV_MAPERR);
      }
    }
    if (accessError(code, vma)) {
      return badArea(va, code, user, SEGV_ACCERR);
    }
    int flags = (access == Access.WRITE ? Fault.WRITE : 0) | (user ? Fault.USER : 0)
        | (access == Access.EXEC ? Fault.INSTRUCTION : 0);
    int r = faults.handleMmFault(mm, vma, va, flags);
    if ((r & Fault.ERROR) != 0) {
      if ((r & Fault.SIGBUS) != 0) {
        return user ? signal(SIGBUS, BUS_ADRERR, va, PageFaultError.TRAP_PF, code) : fixup(va, code);
      }
      if ((r & Fault.OOM) != 0) {
        return signal(OOM, 0, va, PageFaultError.TRAP_PF, code);
      }
      return badArea(va, code, user, SEGV_MAPERR);
    }
    task.countFault((r & Fault.MAJOR) != 0);
    if (task.killed()) {
      return signal(OOM, 0, va, PageFaultError.TRAP_PF, code);
    }
    return RETRY;
  }

  /** access_error() of arch/x86/mm/fault.c. */
  private static boolean accessError(int code, Vma vma) {
    if ((code & (PageFaultError.PK | PageFaultError.SGX)) != 0) {
      return true;
    }
    if ((code & PageFaultError.WRITE) != 0) {
      return !vma.has(VmFlags.WRITE);
    }
    if ((code & PageFaultError.PROT) != 0) {
      return true;
    }
    return (vma.flags() & (VmFlags.READ | VmFlags.WRITE | VmFlags.EXEC)) == 0;
  }

  /** __bad_area_nosemaphore(): a signal for user mode, the fixup for kernel mode. */
  private int badArea(long va, int code, boolean user, int si) {
    if (!user) {
      return fixup(va, code);
    }
    return signal(SIGSEGV, si, va, PageFaultError.TRAP_PF, arch.sanitize(va, code));
  }

  /** kernelmode_fixup_or_oops(): user-copy routines have exception-table entries. */
  private int fixup(long va, int code) {
    return signal(FIXUP, 0, va, PageFaultError.TRAP_PF, code);
  }

  private int signal(int kind, int si, long addr, int trap, int err) {
    siCode = si;
    faultAddress = addr;
    trapno = trap;
    errorCode = err;
    return kind;
  }

  /**
   * A kernel-mode access with no exception-table entry (a driver touching memory): a fault that
   * cannot be repaired is an oops (page_fault_oops()); {@link #oops()} then holds its report.
   */
  public int kernelAccess(Task task, long va, Access access) {
    oops = null;
    int r = access(task, va, access, false);
    if (r == SIGSEGV && siCode == SI_KERNEL) {
      // A #GP in kernel mode has no fixup here: die() (arch/x86/kernel/traps.c).
      oops = String.format("general protection fault, probably for non-canonical address 0x%x: 0000 [#1]", va);
      return OOPS;
    }
    if (r == FIXUP || r == OOPS) {
      int width = kernel.arch().kernelPointerBytes() * 2;
      String addr = String.format("%0" + width + "x", faultAddress);
      String first = oops != null ? oops + "\n" : "";
      oops = first + (Long.compareUnsigned(faultAddress, 4096) < 0
          ? "BUG: kernel NULL pointer dereference, address: " : "BUG: unable to handle page fault for address: ")
          + addr + "\n#PF: " + PageFaultError.describe(errorCode).replaceFirst(", ", "\n#PF: error_code(0x"
          + String.format("%04x", errorCode) + ") - ");
      return OOPS;
    }
    return r;
  }

  private boolean permits(int f, Access access, boolean user) {
    if (user && (f & PteFlags.USER) == 0) {
      return false;
    }
    if (access == Access.WRITE && (f & PteFlags.RW) == 0) {
      return false;
    }
    return !(access == Access.EXEC && nx && (f & PteFlags.NX) != 0);
  }

  private int tlbPerms(int f) {
    int p = 0;
    if ((f & PteFlags.RW) != 0) {
      p |= Tlb.WRITABLE;
    }
    if ((f & PteFlags.USER) != 0) {
      p |= Tlb.USER;
    }
    if (!nx || (f & PteFlags.NX) == 0) {
      p |= Tlb.EXEC;
    }
    if ((f & PteFlags.DIRTY) != 0) {
      p |= Tlb.DIRTY;
    }
    return p;
  }

  private static boolean allowed(int perms, Access access, boolean user) {
    if (user && (perms & Tlb.USER) == 0) {
      return false;
    }
    if (access == Access.WRITE) {
      return (perms & Tlb.WRITABLE) != 0;
    }
    return access != Access.EXEC || (perms & Tlb.EXEC) != 0;
  }

  /** The hardware's write-back of the dirty bit on a write through a clean TLB entry. */
  private void setAccessBits(MmStruct mm, long va, boolean write) {
    PageTable pt = mm.pageTable();
    int pos = pt.lookup(va);
    if (pos >= 0) {
      long e = pt.entry(pos);
      int f = format.flags(e) | PteFlags.ACCESSED | (write ? PteFlags.DIRTY : 0);
      pt.setEntry(pos, format.encode(format.pfn(e), f));
    }
  }

  private PageTableAccess tableAccess(MmStruct mm) {
    PageTable ref = kernel.referenceTable();
    PageTable own = mm.pageTable();
    return new PageTableAccess() {
      @Override
      public long processEntry(PageLevel level, long va) {
        return own.entryAt(level, va);
      }

      @Override
      public long referenceEntry(PageLevel level, long va) {
        return ref.entryAt(level, va);
      }

      @Override
      public boolean syncFromReference(PageLevel level, long va) {
        long e = ref.entryAt(level, va);
        if (!format.present(e)) {
          return false;
        }
        if (!format.present(own.entryAt(level, va))) {
          own.setEntryAt(level, va, e);
        }
        return true;
      }
    };
  }

  /** Switches the page source whose policy hears references. */
  void setLru(Lru lru) {
    this.lru = lru;
    this.everyReference = lru.wantsEveryReference();
  }

  /** The frame the last successful access touched. */
  public int frame() {
    return pfn;
  }

  /** si_code of the last signal. */
  public int siCode() {
    return siCode;
  }

  /** The x86 error code of the last fault (as the signal frame reports it). */
  public int errorCode() {
    return errorCode;
  }

  /** The trap number of the last fault (0xe #PF, 0xd #GP). */
  public int trapno() {
    return trapno;
  }

  /** si_addr of the last signal. */
  public long faultAddress() {
    return faultAddress;
  }

  /** The last oops message. */
  public String oops() {
    return oops;
  }

  /** IA-32 vmalloc faults repaired so far. */
  public long vmallocFaults() {
    return vmallocFaults;
  }

  /** Accesses so far. */
  public long accesses() {
    return accesses;
  }

  /** The outcome of the access at which {@link #accessAll} stopped. */
  public int lastOutcome() {
    return lastOutcome;
  }

  /** Page-table entries read by walks (every level of the geometry per walk). */
  public long walkLevels() {
    return walkLevels;
  }

  /** Accesses the TLB could not translate (each walked the page table at least once). */
  public long tlbMisses() {
    return tlbMisses;
  }

  /** The TLB. */
  public Tlb tlb() {
    return tlb;
  }
}
