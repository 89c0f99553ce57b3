package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import java.util.List;

/**
 * brk(2) of mm/mmap.c (6.1, !CONFIG_COMPAT_BRK): the program break grows a separate anonymous
 * [heap] VMA from start_brk. It never returns an errno: the new break on success, the old one on
 * any failure.
 */
public final class Brk {
  private Brk() {}

  /** The brk system call. */
  public static long brk(Task t, long brk) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    long origbrk = mm.brk;
    long minBrk = mm.startBrk;
    if (Long.compareUnsigned(brk, minBrk) < 0) {
      return origbrk;
    }
    long rlimData = t.rlimitData();
    if (rlimData >= 0 && (brk - mm.startBrk) + (mm.endData - mm.startData) > rlimData) {
      return origbrk;
    }
    long newbrk = pageAlign(brk);
    long oldbrk = pageAlign(mm.brk);
    if (oldbrk == newbrk) {
      mm.brk = brk;
      return brk;
    }
    if (Long.compareUnsigned(brk, mm.brk) <= 0) {
      Vma brkvma = mm.vmas.find(newbrk);
      if (brkvma == null || brkvma.start >= oldbrk) {
        return origbrk;
      }
      mm.brk = brk;
      if (brkMunmap(t, brkvma, newbrk, oldbrk) != 0) {
        mm.brk = origbrk;
        return origbrk;
      }
      return brk;
    }
    if (checkLimits(t, oldbrk, newbrk - oldbrk) != 0) {
      return origbrk;
    }
    Vma next = mm.vmas.find(oldbrk);
    if (next != null && next.start <= newbrk - 1 + 4096 + k.stackGuardGap()
        && Long.compareUnsigned(newbrk + 4096, next.startGap(k.stackGuardGap())) > 0) {
      return origbrk;
    }
    Vma brkvma = next != null ? next.prev : mm.vmas.last();
    if (brkvma != null && brkvma.end <= mm.startBrk) {
      brkvma = null;
    }
    if (doBrkFlags(t, brkvma, oldbrk, newbrk - oldbrk, 0) != 0) {
      return origbrk;
    }
    mm.brk = brk;
    if ((mm.defFlags & VmFlags.LOCKED) != 0) {
      Mmap.populateRange(t, oldbrk, newbrk);
    }
    return brk;
  }

  /** check_brk_limits(): the range fits below TASK_SIZE, and mlock limits allow it. */
  static long checkLimits(Task t, long addr, long len) {
    long mapped = UnmappedArea.get(t, null, addr, len, 0, Mman.MAP_FIXED);
    if (Errno.isError(mapped)) {
      return mapped;
    }
    return Mlock.futureOk(t, t.mm().defFlags, len) ? 0 : Errno.EAGAIN.neg();
  }

  /** do_brk_flags(): extends the brk VMA or creates one (also used by exec for the bss). */
  public static long doBrkFlags(Task t, Vma vma, long addr, long len, long flags) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    flags |= VmFlags.DATA_DEFAULT | VmFlags.ACCOUNT | mm.defFlags;
    if ((t.personality() & Task.READ_IMPLIES_EXEC) != 0) {
      flags |= VmFlags.EXEC; // VM_DATA_FLAGS_TSK_EXEC
    }
    long pages = len >>> 12;
    if (!Mmap.mayExpandVm(t, flags, pages)) {
      return Errno.ENOMEM.neg();
    }
    if (mm.mapCount() > k.maxMapCount()) {
      return Errno.ENOMEM.neg();
    }
    if (!k.overcommit().charge(k, mm, pages, t.privileged())) {
      return Errno.ENOMEM.neg();
    }
    if (vma != null && vma.end == addr && k.vmaOps().canMergeAfter(vma, flags, null, null, addr >>> 12, null)) {
      mm.vmas.setBounds(vma, vma.start, addr + len);
    } else {
      vma = k.vmaOps().newVma(mm, addr, addr + len, flags, addr >>> 12, null);
      k.vmaOps().link(mm, vma);
    }
    mm.totalVm += pages;
    mm.dataVm += pages;
    if ((flags & VmFlags.LOCKED) != 0) {
      mm.lockedVm += pages;
    }
    vma.flags |= VmFlags.SOFTDIRTY;
    return 0;
  }

  /**
   * do_brk_munmap(): shrinks the brk VMA (or unmaps whole VMAs). A VMA reaching past the old
   * break (an adjacent mmap merged into the heap) is split like munmap does, as do_vma_munmap()
   * does from 6.2; 6.1.0's in-place shrink would cut off its upper part without unmapping it.
   */
  private static long brkMunmap(Task t, Vma vma, long newbrk, long oldbrk) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    if (vma.end != oldbrk || vma.start >= newbrk) {
      return Munmap.doMunmap(t, newbrk, oldbrk - newbrk);
    }
    // Shrink in place: the range [newbrk, oldbrk) is unmapped as a VMA of its own.
    Vma unmap = k.vmaOps().newVma(mm, newbrk, oldbrk, vma.flags, newbrk >>> 12, null);
    unmap.anonVma = vma.anonVma;
    unmap.anonVmaChain.addAll(vma.anonVmaChain);
    Vma next = vma.next;
    mm.vmas.setBounds(vma, vma.start, newbrk);
    long pages = unmap.pages();
    if ((vma.flags & VmFlags.LOCKED) != 0) {
      mm.lockedVm -= pages;
    }
    mm.updateHiwaterRss();
    mm.updateHiwaterVm(); // remove_mt() -> update_hiwater_vm() before total_vm drops
    k.pageOps().zap(mm, unmap, newbrk, oldbrk);
    k.pageOps().freePgtables(mm, List.of(unmap), newbrk, next == null ? 0 : next.start);
    k.pageOps().flushTlb(mm, newbrk, oldbrk);
    mm.statAccount(vma.flags, -pages);
    if ((vma.flags & VmFlags.ACCOUNT) != 0) {
      k.overcommit().uncharge(pages);
    }
    return 0;
  }

  private static long pageAlign(long v) {
    return (v + 0xfff) & ~0xfffL;
  }
}
