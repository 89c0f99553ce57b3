package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;

/** expand_downwards() and acct_stack_growth() of mm/mmap.c (6.1): a fault below a grows-down VMA. */
public final class StackGrowth {
  private StackGrowth() {}

  /** Grows {@code vma} down to the page of {@code address}; false if Linux would refuse. */
  public static boolean expandDownwards(Task t, Vma vma, long address) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    address &= ~0xfffL;
    if (Long.compareUnsigned(address, k.mmapMinAddr()) < 0) {
      return false;
    }
    Vma prev = vma.prev;
    if (prev != null && !prev.has(VmFlags.GROWSDOWN)
        && (prev.flags & (VmFlags.READ | VmFlags.WRITE | VmFlags.EXEC)) != 0
        && address - prev.end < k.stackGuardGap()) {
      return false;
    }
    k.vmaOps().anonVmaPrepare(vma);
    if (address < vma.start) {
      long size = vma.end - address;
      long grow = (vma.start - address) >>> 12;
      if (grow > vma.pgoff) {
        return false;
      }
      if (!Mmap.mayExpandVm(t, vma.flags, grow)) {
        return false;
      }
      if (t.rlimitStack() >= 0 && size > t.rlimitStack()) {
        return false;
      }
      if (!Mlock.futureOk(t, vma.flags, grow << 12)) {
        return false;
      }
      if (!k.overcommit().charge(k, mm, grow, t.privileged())) {
        return false;
      }
      if (vma.has(VmFlags.LOCKED)) {
        mm.lockedVm += grow;
      }
      mm.statAccount(vma.flags, grow);
      mm.vmas.setBounds(vma, address, vma.end);
      vma.pgoff -= grow;
    }
    return true;
  }
}
