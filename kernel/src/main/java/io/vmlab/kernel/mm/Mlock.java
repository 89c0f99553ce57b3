package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;

/** mlock(2)/munlock(2) of mm/mlock.c (6.1). */
public final class Mlock {
  private Mlock() {}

  /** mlock_future_ok(): a VM_LOCKED mapping of len more bytes stays within RLIMIT_MEMLOCK. */
  static boolean futureOk(Task t, long flags, long len) {
    if ((flags & VmFlags.LOCKED) == 0 || t.privileged()) {
      return true;
    }
    long limit = t.rlimitMemlock();
    if (limit < 0) {
      return true;
    }
    return (len >>> 12) + t.mm().lockedVm <= limit >>> 12;
  }

  /** The mlock system call: 0 or a negated errno. */
  public static long mlock(Task t, long start, long len) {
    if (!Mmap.canDoMlock(t)) {
      return Errno.EPERM.neg();
    }
    len = t.kernel().ulong((len + (start & 0xfff) + 0xfff) & ~0xfffL);
    start &= ~0xfffL;
    MmStruct mm = t.mm();
    long limit = t.rlimitMemlock() < 0 ? Long.MAX_VALUE : t.rlimitMemlock() >>> 12;
    long locked = (len >>> 12) + mm.lockedVm;
    if (locked > limit && !t.privileged()) {
      locked -= lockedPagesIn(mm, start, len);
    }
    if (!(locked <= limit || t.privileged())) {
      return Errno.ENOMEM.neg();
    }
    long err = apply(t, start, len, VmFlags.LOCKED);
    if (err != 0) {
      return err;
    }
    long end = start + len;
    for (long nstart = start; nstart < end; ) {
      Vma v = mm.vmas.find(nstart);
      if (v == null || v.start >= end) {
        break;
      }
      if (nstart < v.start) {
        return Errno.ENOMEM.neg();
      }
      long nend = Math.min(end, v.end);
      if ((v.flags & (VmFlags.IO | VmFlags.PFNMAP)) == 0) {
        long r = t.kernel().pageOps().populate(t, v, nstart, nend, PageOps.POPULATE_LOCK);
        if (r != 0) {
          // __mlock_posix_error_return(): EFAULT (PROT_NONE, SIGBUS) is ENOMEM, ENOMEM is EAGAIN.
          return r == Errno.EFAULT.neg() ? Errno.ENOMEM.neg() : Errno.EAGAIN.neg();
        }
      }
      nstart = nend;
    }
    return 0;
  }

  /** The munlock system call. */
  public static long munlock(Task t, long start, long len) {
    len = t.kernel().ulong((len + (start & 0xfff) + 0xfff) & ~0xfffL);
    start &= ~0xfffL;
    return apply(t, start, len, 0);
  }

  private static long lockedPagesIn(MmStruct mm, long start, long len) {
    long n = 0;
    long end = start + len;
    for (Vma v = mm.vmas.find(start); v != null && v.start < end; v = v.next) {
      if ((v.flags & VmFlags.LOCKED) != 0) {
        n += (Math.min(end, v.end) - Math.max(start, v.start)) >>> 12;
      }
    }
    return n;
  }

  /** apply_vma_lock_flags(). */
  static long apply(Task t, long start, long len, long flags) {
    MmStruct mm = t.mm();
    long end = t.kernel().ulong(start + len);
    if (Long.compareUnsigned(end, start) < 0) {
      return Errno.EINVAL.neg();
    }
    if (end == start) {
      return 0;
    }
    Vma vma = mm.vmas.lookup(start);
    if (vma == null) {
      return Errno.ENOMEM.neg();
    }
    Vma[] prev = {start > vma.start ? vma : vma.prev};
    long nstart = start;
    while (true) {
      long newflags = (vma.flags & ~VmFlags.LOCKED_MASK) | flags;
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
    }
  }

  /** mlock_fixup(). */
  private static long fixup(Task t, Vma vma, Vma[] prev, long start, long end, long newflags) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    long oldflags = vma.flags;
    if (newflags == oldflags || (oldflags & VmFlags.SPECIAL) != 0 || (oldflags & VmFlags.HUGETLB) != 0) {
      prev[0] = vma;
      return 0;
    }
    VmaOps ops = k.vmaOps();
    long pgoff = vma.pgoff + ((start - vma.start) >>> 12);
    Vma merged = ops.merge(mm, prev[0], start, end, newflags, vma.anonVma, vma.file, pgoff, vma.anonName, vma);
    if (merged != null) {
      vma = merged;
    } else {
      if ((start != vma.start || end != vma.end) && !VmaOps.maySplit(vma)) {
        prev[0] = vma;
        return Errno.EINVAL.neg();
      }
      if (start != vma.start && ops.splitChecked(mm, vma, start, true, k.maxMapCount()) == null) {
        prev[0] = vma;
        return Errno.ENOMEM.neg();
      }
      if (end != vma.end && ops.splitChecked(mm, vma, end, false, k.maxMapCount()) == null) {
        prev[0] = vma;
        return Errno.ENOMEM.neg();
      }
    }
    long pages = (end - start) >>> 12;
    if ((newflags & VmFlags.LOCKED) == 0) {
      pages = -pages;
    } else if ((oldflags & VmFlags.LOCKED) != 0) {
      pages = 0;
    }
    mm.lockedVm += pages;
    vma.flags = newflags;
    prev[0] = vma;
    return 0;
  }
}
