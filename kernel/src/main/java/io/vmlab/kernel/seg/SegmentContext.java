package io.vmlab.kernel.seg;

import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.api.arch.SegmentRegister;
import io.vmlab.api.arch.Segmentation;
import io.vmlab.kernel.mm.Errno;

/**
 * One process's segmentation state: the architecture's GDT, its own LDT (mm->context.ldt), its
 * TLS slots (thread.tls_array), the six segment registers with their hidden descriptor caches,
 * the FS and GS bases, and the CPL it runs at. {@link SegmentationUnit} does the CPU's checks on
 * it.
 */
public final class SegmentContext {
  /** arch_prctl ARCH_SET_GS. */
  public static final int ARCH_SET_GS = 0x1001;
  /** arch_prctl ARCH_SET_FS. */
  public static final int ARCH_SET_FS = 0x1002;

  private static final int REGS = SegmentRegister.values().length;

  private final Segmentation tables;
  private final PagingGeometry geometry;
  private final long taskSizeMax;
  private final LocalDescriptorTable ldt;
  private final long[] tls = new long[Segmentation.TLS_ENTRIES];
  // The visible selectors and the hidden parts the CPU caches on each load (0 = unusable).
  final int[] selector = new int[REGS];
  final long[] cached = new long[REGS];
  final long[] base = new long[REGS];
  final long[] limit = new long[REGS];
  int cpl = 3;

  private SegmentContext(Segmentation tables, PagingGeometry geometry, long taskSizeMax, LocalDescriptorTable ldt) {
    this.tables = tables;
    this.geometry = geometry;
    this.taskSizeMax = taskSizeMax;
    this.ldt = ldt;
  }

  /**
   * A process right after execve(): no LDT, empty TLS slots, FS and GS bases 0, and the selectors
   * start_thread() loads (arch/x86/kernel/process_32.c, process_64.c) at CPL 3.
   *
   * @param taskSizeMax TASK_SIZE_MAX, the bound arch_prctl() puts on an FS or GS base
   */
  public static SegmentContext startThread(Segmentation tables, PagingGeometry geometry, long taskSizeMax) {
    SegmentContext c = new SegmentContext(tables, geometry, taskSizeMax, new LocalDescriptorTable());
    c.loadLinux(SegmentRegister.CS, tables.userSelector(SegmentRegister.CS));
    for (SegmentRegister r : SegmentRegister.values()) {
      if (r != SegmentRegister.CS) {
        c.loadLinux(r, tables.userSelector(r));
      }
    }
    return c;
  }

  /**
   * The same process inside a system call (CPL 0): the code and stack segments the entry code
   * loads and the data selectors it leaves (entry_32.S SAVE_ALL, entry_64.S).
   */
  public void enterKernel() {
    cpl = 0;
    for (SegmentRegister r : new SegmentRegister[] {SegmentRegister.CS, SegmentRegister.SS, SegmentRegister.DS,
        SegmentRegister.ES, SegmentRegister.FS, SegmentRegister.GS}) {
      int sel = tables.kernelSelector(r);
      if (sel >= 0) {
        loadLinux(r, sel);
      }
    }
  }

  /** The architecture's tables. */
  public Segmentation tables() {
    return tables;
  }

  /** The process's LDT. */
  public LocalDescriptorTable ldt() {
    return ldt;
  }

  /** The current privilege level: 3 in user mode, 0 in the kernel. */
  public int cpl() {
    return cpl;
  }

  /** The selector in {@code reg}. */
  public int selector(SegmentRegister reg) {
    return selector[reg.ordinal()];
  }

  /** The segment base the CPU uses for {@code reg} (in 64-bit mode only FS's and GS's count). */
  public long base(SegmentRegister reg) {
    return base[reg.ordinal()];
  }

  /** The FS base (MSR_FS_BASE in long mode). */
  public long fsBase() {
    return base[SegmentRegister.FS.ordinal()];
  }

  /** The GS base (MSR_GS_BASE in long mode). */
  public long gsBase() {
    return base[SegmentRegister.GS.ordinal()];
  }

  /** The mode the process runs in. */
  public AddressingMode mode() {
    return SegmentationUnit.mode(this);
  }

  /** Whether the canonical check passes for {@code linear}. */
  boolean canonical(long linear) {
    return geometry.isCanonical(linear);
  }

  /** Whether {@code selector}'s index lies within its table (the GDT, or an LDT that exists). */
  public boolean withinTable(int selector) {
    int index = Selector.index(selector);
    return Selector.ldt(selector) ? index < ldt.nrEntries() : index < tables.gdtEntries();
  }

  /** The number of entries in the table {@code selector} indexes (0 for a missing LDT). */
  public int tableEntries(int selector) {
    return Selector.ldt(selector) ? ldt.nrEntries() : tables.gdtEntries();
  }

  /**
   * The raw descriptor {@code selector} names, which must be {@link #withinTable within its
   * table}: an LDT entry, this thread's TLS slot, or the GDT's entry.
   */
  public long descriptor(int selector) {
    int index = Selector.index(selector);
    if (Selector.ldt(selector)) {
      return ldt.entry(index);
    }
    int tlsSlot = index - tables.tlsMin();
    if (tlsSlot >= 0 && tlsSlot < Segmentation.TLS_ENTRIES) {
      return tls[tlsSlot];
    }
    return tables.gdtEntry(index);
  }

  /** The name of the table entry {@code selector} names, e.g. {@code GDT_ENTRY_DEFAULT_USER_CS}. */
  public String entryName(int selector) {
    int index = Selector.index(selector);
    if (Selector.ldt(selector)) {
      return "LDT entry " + index;
    }
    return index < tables.gdtEntries() ? tables.gdtEntryName(index) : "";
  }

  /** modify_ldt(1 or 0x11, ...): see {@link LocalDescriptorTable#write}. */
  public long modifyLdt(UserDesc info, boolean oldmode) {
    return ldt.write(info, oldmode);
  }

  /**
   * set_thread_area() (do_set_thread_area, arch/x86/kernel/tls.c): fills a TLS slot, or clears
   * it for an empty descriptor. Entry -1 takes the first free slot. Returns the GDT entry used
   * (Linux writes it back into entry_number and returns 0), -EINVAL for a bad entry or a
   * descriptor tls_desc_okay() refuses (16-bit, code, not present), -ESRCH if no slot is free.
   * Segment registers that hold the slot's selector are reloaded, as Linux forces.
   */
  public long setThreadArea(UserDesc info) {
    boolean clear = info.ldtEmpty() || info.ldtZero();
    if (!clear && (!info.seg32bit() || info.contents() > 1 || info.segNotPresent())) {
      return Errno.EINVAL.neg();
    }
    int idx = info.entryNumber();
    if (idx == -1) {
      idx = -1;
      for (int i = 0; i < Segmentation.TLS_ENTRIES; i++) {
        if (tls[i] == 0) {
          idx = tables.tlsMin() + i;
          break;
        }
      }
      if (idx < 0) {
        return Errno.ESRCH.neg();
      }
    }
    if (idx < tables.tlsMin() || idx >= tables.tlsMin() + Segmentation.TLS_ENTRIES) {
      return Errno.EINVAL.neg();
    }
    tls[idx - tables.tlsMin()] = clear ? 0 : info.fillLdt();
    int modified = Selector.of(idx, false, 3);
    for (SegmentRegister r : new SegmentRegister[] {SegmentRegister.DS, SegmentRegister.ES, SegmentRegister.FS,
        SegmentRegister.GS}) {
      if (selector[r.ordinal()] == modified && SegmentationUnit.load(this, r, modified, null) != 0) {
        // loadsegment()'s fixup: a selector that no longer loads is replaced by 0.
        SegmentationUnit.load(this, r, 0, null);
      }
    }
    return idx;
  }

  /**
   * arch_prctl(ARCH_SET_FS or ARCH_SET_GS, addr) (do_arch_prctl_64): loads a null selector and
   * sets the base. 0, -EPERM for an address at or above TASK_SIZE_MAX, -EINVAL for another code
   * or a process that is not 64-bit (a compat or i386 process has only the common codes).
   */
  public long archPrctl(int code, long addr) {
    boolean is64 = tables.longModeActive()
        && DescriptorBits.longMode(descriptor(tables.userSelector(SegmentRegister.CS)));
    if (!is64 || (code != ARCH_SET_FS && code != ARCH_SET_GS)) {
      return Errno.EINVAL.neg();
    }
    if (Long.compareUnsigned(addr, taskSizeMax) >= 0) {
      return Errno.EPERM.neg();
    }
    SegmentRegister r = code == ARCH_SET_FS ? SegmentRegister.FS : SegmentRegister.GS;
    SegmentationUnit.load(this, r, 0, null);
    base[r.ordinal()] = addr;
    return 0;
  }

  /** Loads a selector Linux itself loads; a fault there is a bug in the architecture's tables. */
  private void loadLinux(SegmentRegister r, int sel) {
    int fault = SegmentationUnit.load(this, r, sel, null);
    if (fault != 0) {
      throw new IllegalStateException("Linux's " + r.linuxName() + " selector 0x" + Integer.toHexString(sel)
          + " does not load: " + SegmentFault.unpack(fault));
    }
  }
}
