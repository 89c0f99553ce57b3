package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.config.MachineSpec;

/**
 * Commit accounting (mm/util.c __vm_enough_memory, vm_committed_as): private writable mappings
 * are charged when created and refused by the overcommit policy.
 */
public final class Overcommit {
  private long committed;

  /** Pages charged now (Committed_AS). */
  public long committed() {
    return committed;
  }

  /** __vm_enough_memory(): charges {@code pages}; false (and nothing charged) if refused. */
  public boolean charge(Kernel k, MmStruct mm, long pages, boolean admin) {
    committed += pages;
    MachineSpec.KernelSettings s = k.spec().kernel();
    long totalram = k.memory().frames();
    long swap = k.spec().swapBytes() >>> 12;
    switch (s.overcommit()) {
      case ALWAYS:
        return true;
      case GUESS:
        if (Long.compareUnsigned(pages, totalram + swap) <= 0) {
          return true;
        }
        break;
      default:
        long allowed = totalram * s.overcommitRatio() / 100 + swap;
        if (!admin) {
          allowed -= Math.min(k.memory().freeFrames() / 32, 2048);
        }
        if (mm != null) {
          allowed -= Math.min(mm.totalVm / 32, Math.min(k.memory().freeFrames() / 32, 32768));
        }
        if (committed < allowed) {
          return true;
        }
        break;
    }
    committed -= pages;
    return false;
  }

  /** vm_unacct_memory(). */
  public void uncharge(long pages) {
    committed -= pages;
  }

  /** accountable_mapping(): private writable, not NORESERVE. */
  static boolean accountable(long flags) {
    return (flags & (VmFlags.NORESERVE | VmFlags.SHARED | VmFlags.WRITE)) == VmFlags.WRITE;
  }
}
