package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;

/** mprotect(2): do_mprotect_pkey and mprotect_fixup of mm/mprotect.c (6.1). */
public final class Mprotect {
  private static final int PROT_SEM = 0x8;

  private Mprotect() {}

  /** The mprotect system call: 0 or a negated errno. */
  public static long mprotect(Task t, long start, long len, int prot) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    int grows = prot & (Mman.PROT_GROWSDOWN | Mman.PROT_GROWSUP);
    prot &= ~(Mman.PROT_GROWSDOWN | Mman.PROT_GROWSUP);
    if (grows == (Mman.PROT_GROWSDOWN | Mman.PROT_GROWSUP)) {
      return Errno.EINVAL.neg();
    }
    if ((start & 0xfff) != 0) {
      return Errno.EINVAL.neg();
    }
    if (len == 0) {
      return 0;
    }
    len = t.kernel().ulong((len + 0xfff) & ~0xfffL);
    long end = t.kernel().ulong(start + len);
    if (Long.compareUnsigned(end, start) <= 0) {
      return Errno.ENOMEM.neg();
    }
    if ((prot & ~(Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_EXEC | PROT_SEM)) != 0) {
      return Errno.EINVAL.neg();
    }
    int reqprot = prot;
    boolean rier = (t.personality() & Task.READ_IMPLIES_EXEC) != 0 && (prot & Mman.PROT_READ) != 0;
    Vma vma = mm.vmas.find(start);
    if (vma == null) {
      return Errno.ENOMEM.neg();
    }
    if ((grows & Mman.PROT_GROWSDOWN) != 0) {
      if (vma.start >= end) {
        return Errno.ENOMEM.neg();
      }
      start = vma.start;
      if (!vma.has(VmFlags.GROWSDOWN)) {
        return Errno.EINVAL.neg();
      }
    } else {
      if (vma.start > start) {
        return Errno.ENOMEM.neg();
      }
      if ((grows & Mman.PROT_GROWSUP) != 0) {
        return Errno.EINVAL.neg();
      }
    }
    Vma[] prev = {start > vma.start ? vma : vma.prev};
    long nstart = start;
    while (true) {
      if (rier && vma.has(VmFlags.MAYEXEC)) {
        prot |= Mman.PROT_EXEC;
      }
      long newflags = Mman.protBits(prot) | (vma.flags & ~(VmFlags.READ | VmFlags.WRITE | VmFlags.EXEC));
      if (((newflags & ~(newflags >>> 4)) & (VmFlags.READ | VmFlags.WRITE | VmFlags.EXEC)) != 0) {
        return Errno.EACCES.neg();
      }
      long tmp = Math.min(vma.end, end);
      long err = fixup(t, vma, prev, nstart, tmp, newflags);
      if (err != 0) {
        return err;
      }
      nstart = tmp;
      if (nstart < prev[0].end) {
        nstart = prev[0].end;
      }
      if (nstart >= end) {
        return 0;
      }
      vma = mm.vmas.find(prev[0].end);
      if (vma == null || vma.start != nstart) {
        return Errno.ENOMEM.neg();
      }
      prot = reqprot;
    }
  }

  /**
   * mprotect_fixup(): gives [start, end) of {@code vma} the new flags, merging or splitting.
   * {@code prev[0]} is updated to the VMA now ending the changed range.
   */
  static long fixup(Task t, Vma vma, Vma[] prev, long start, long end, long newflags) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    long oldflags = vma.flags;
    if (newflags == oldflags) {
      prev[0] = vma;
      return 0;
    }
    long nrpages = (end - start) >>> 12;
    long charged = 0;
    if ((newflags & VmFlags.WRITE) != 0) {
      if (!Mmap.mayExpandVm(t, newflags, nrpages) && Mmap.mayExpandVm(t, oldflags, nrpages)) {
        return Errno.ENOMEM.neg();
      }
      if ((oldflags & (VmFlags.ACCOUNT | VmFlags.WRITE | VmFlags.HUGETLB | VmFlags.SHARED | VmFlags.NORESERVE)) == 0) {
        charged = nrpages;
        if (!k.overcommit().charge(k, mm, charged, t.privileged())) {
          return Errno.ENOMEM.neg();
        }
        newflags |= VmFlags.ACCOUNT;
      }
    } else if (unaccountsReadOnly(k) && (oldflags & VmFlags.ACCOUNT) != 0 && vma.isAnonymous()
        && vma.anonVma() == null) {
      // Newer kernels give back the charge of anonymous memory made read-only before any page
      // was faulted in (no anon_vma yet).
      newflags &= ~VmFlags.ACCOUNT;
      k.overcommit().uncharge(nrpages);
    }
    VmaOps ops = k.vmaOps();
    long pgoff = vma.pgoff + ((start - vma.start) >>> 12);
    Vma merged = ops.merge(mm, prev[0], start, end, newflags, vma.anonVma, vma.file, pgoff, vma.anonName, vma);
    if (merged != null) {
      vma = merged;
    } else {
      if ((start != vma.start || end != vma.end) && !VmaOps.maySplit(vma)) {
        k.overcommit().uncharge(charged);
        return Errno.EINVAL.neg();
      }
      if (start != vma.start) {
        if (ops.splitChecked(mm, vma, start, true, k.maxMapCount()) == null) {
          k.overcommit().uncharge(charged);
          return Errno.ENOMEM.neg();
        }
      }
      if (end != vma.end) {
        if (ops.splitChecked(mm, vma, end, false, k.maxMapCount()) == null) {
          k.overcommit().uncharge(charged);
          return Errno.ENOMEM.neg();
        }
      }
    }
    prev[0] = vma;
    vma.flags = newflags;
    k.pageOps().changeProtection(mm, vma, start, end);
    if ((oldflags & (VmFlags.WRITE | VmFlags.SHARED | VmFlags.LOCKED)) == VmFlags.LOCKED
        && (newflags & VmFlags.WRITE) != 0) {
      k.pageOps().populate(t, vma, start, end, PageOps.POPULATE_LOCK);
    }
    mm.statAccount(oldflags, -nrpages);
    mm.statAccount(newflags, nrpages);
    return 0;
  }

  /**
   * Whether mprotect() drops VM_ACCOUNT when an untouched anonymous mapping loses PROT_WRITE:
   * not in 6.1, seen in 6.18 (vmlab switches at 6.8; the exact release is not pinned down).
   */
  private static boolean unaccountsReadOnly(Kernel k) {
    return k.version().atLeast(6, 8);
  }
}
