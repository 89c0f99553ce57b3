package io.vmlab.api.arch.x86;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.ArchFaultHandler;
import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.KernelFaultOutcome;
import io.vmlab.api.arch.PageFaultError;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.api.arch.PageTableAccess;
import io.vmlab.api.arch.PteFlags;

/**
 * The part of arch/x86/mm/fault.c both x86 plugins share: error codes, the kernel/user address
 * split at TASK_SIZE_MAX, sanitize_error_code and spurious_kernel_fault. IA-32 adds
 * vmalloc_fault() by overriding {@link #vmallocFault}.
 */
public class X86FaultHandler implements ArchFaultHandler {
  private final long taskSizeMax;
  private final EntryFormat format;
  private final long gateStart;
  private final long gateEnd;

  /**
   * @param taskSizeMax TASK_SIZE_MAX
   * @param format the entry format (NX decides whether instruction fetches are reported)
   * @param gateStart start of a user-accessible gate page in the kernel half (vsyscall), or 0
   * @param gateEnd its end, or 0
   */
  public X86FaultHandler(long taskSizeMax, EntryFormat format, long gateStart, long gateEnd) {
    this.taskSizeMax = taskSizeMax;
    this.format = format;
    this.gateStart = gateStart;
    this.gateEnd = gateEnd;
  }

  @Override
  public int errorCode(boolean present, Access access, boolean user) {
    int code = present ? PageFaultError.PROT : 0;
    if (access == Access.WRITE) {
      code |= PageFaultError.WRITE;
    }
    if (user) {
      code |= PageFaultError.USER;
    }
    if (access == Access.EXEC && format.hasNx()) {
      code |= PageFaultError.INSTR;
    }
    return code;
  }

  @Override
  public boolean isKernelAddress(long va) {
    if (gateEnd != 0 && Long.compareUnsigned(va, gateStart) >= 0 && Long.compareUnsigned(va, gateEnd) < 0) {
      return false;
    }
    return Long.compareUnsigned(va, taskSizeMax) >= 0;
  }

  @Override
  public int sanitize(long va, int errorCode) {
    return Long.compareUnsigned(va, taskSizeMax) >= 0 ? errorCode | PageFaultError.PROT : errorCode;
  }

  @Override
  public KernelFaultOutcome kernelAddressFault(long va, int errorCode, PageTableAccess tables) {
    if ((errorCode & (PageFaultError.RSVD | PageFaultError.USER | PageFaultError.PROT)) == 0
        && vmallocFault(va, tables)) {
      return KernelFaultOutcome.VMALLOC_SYNCED;
    }
    if (spurious(va, errorCode, tables)) {
      return KernelFaultOutcome.SPURIOUS;
    }
    return KernelFaultOutcome.BAD_AREA;
  }

  /** vmalloc_fault(): none on x86-64 since the kernel shares its upper-level tables. */
  protected boolean vmallocFault(long va, PageTableAccess tables) {
    return false;
  }

  /** spurious_kernel_fault(): a protection fault the reference table already allows. */
  private boolean spurious(long va, int errorCode, PageTableAccess tables) {
    int write = PageFaultError.WRITE | PageFaultError.PROT;
    int instr = PageFaultError.INSTR | PageFaultError.PROT;
    if (errorCode != write && errorCode != instr) {
      return false;
    }
    long pmd = tables.referenceEntry(PageLevel.PMD, va);
    long leaf = (format.flags(pmd) & PteFlags.HUGE) != 0 ? pmd : tables.referenceEntry(PageLevel.PTE, va);
    int f = format.flags(leaf);
    if ((f & PteFlags.PRESENT) == 0) {
      return false;
    }
    return errorCode == write ? (f & PteFlags.RW) != 0 : (f & PteFlags.NX) == 0;
  }

  @Override
  public String userAddressOops(long va, int errorCode) {
    if ((errorCode & (PageFaultError.USER | PageFaultError.INSTR)) == PageFaultError.INSTR) {
      return "kernel tried to execute a user page (SMEP/NX)";
    }
    if ((errorCode & PageFaultError.RSVD) != 0) {
      return "corrupted page table (reserved bit set)";
    }
    return null;
  }
}
