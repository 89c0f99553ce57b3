package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;

/** mremap(2) of mm/mremap.c (6.1): shrink, grow in place, move, MREMAP_FIXED, MREMAP_DONTUNMAP. */
public final class Mremap {
  private Mremap() {}

  /** The mremap system call: the new address or a negated errno. */
  public static long mremap(Task t, long addr, long oldLen, long newLen, int flags, long newAddr) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    if ((flags & ~(Mman.MREMAP_FIXED | Mman.MREMAP_MAYMOVE | Mman.MREMAP_DONTUNMAP)) != 0) {
      return Errno.EINVAL.neg();
    }
    if ((flags & Mman.MREMAP_FIXED) != 0 && (flags & Mman.MREMAP_MAYMOVE) == 0) {
      return Errno.EINVAL.neg();
    }
    if ((flags & Mman.MREMAP_DONTUNMAP) != 0 && ((flags & Mman.MREMAP_MAYMOVE) == 0 || oldLen != newLen)) {
      return Errno.EINVAL.neg();
    }
    if ((addr & 0xfff) != 0) {
      return Errno.EINVAL.neg();
    }
    oldLen = pageAlign(oldLen);
    newLen = pageAlign(newLen);
    if (newLen == 0) {
      return Errno.EINVAL.neg();
    }
    if (k.version().atLeast(6, 17) && Long.compareUnsigned(newLen, mm.taskSize) > 0) {
      return Errno.EINVAL.neg(); // check_mremap_params(): "Is the new length silly?"
    }
    Vma vma = mm.vmas.lookup(addr);
    if (vma == null) {
      return Errno.EFAULT.neg();
    }
    if (k.version().atLeast(6, 17) && (flags & Mman.MREMAP_FIXED) != 0 && oldLen == newLen) {
      return remapMove(t, addr, oldLen, newAddr, flags);
    }
    boolean[] locked = {false};
    long ret;
    if ((flags & (Mman.MREMAP_FIXED | Mman.MREMAP_DONTUNMAP)) != 0) {
      ret = mremapTo(t, addr, oldLen, newAddr, newLen, locked, flags);
      if (!Errno.isError(ret)) {
        newAddr = ret;
      }
    } else if (Long.compareUnsigned(oldLen, newLen) >= 0) {
      long r = Munmap.doMunmap(t, addr + newLen, oldLen - newLen);
      if (r < 0 && oldLen != newLen) {
        return r;
      }
      return addr;
    } else {
      ret = grow(t, vma, addr, oldLen, newLen, flags, locked);
      if (!Errno.isError(ret)) {
        newAddr = ret;
      }
    }
    if (!Errno.isError(ret) && locked[0] && Long.compareUnsigned(newLen, oldLen) > 0) {
      Mmap.populateRange(t, newAddr + oldLen, newAddr + newLen);
    }
    return ret;
  }

  /** The growing case: in place if the VMA can expand, else a move if allowed. */
  private static long grow(Task t, Vma vma, long addr, long oldLen, long newLen, int flags, boolean[] locked) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    long err = vmaToResize(t, addr, oldLen, newLen, flags);
    if (err != 0) {
      return err;
    }
    vma = mm.vmas.lookup(addr);
    if (oldLen == vma.end - addr && expandable(t, vma, newLen - oldLen)) {
      long pages = (newLen - oldLen) >>> 12;
      long extStart = addr + oldLen;
      long extEnd = addr + newLen;
      long extPgoff = vma.pgoff + ((extStart - vma.start) >>> 12);
      if (vma.has(VmFlags.ACCOUNT) && !k.overcommit().charge(k, mm, pages, t.privileged())) {
        return Errno.ENOMEM.neg();
      }
      Vma merged = k.vmaOps().merge(mm, vma, extStart, extEnd, vma.flags, vma.anonVma, vma.file, extPgoff, vma.anonName, vma);
      if (merged == null) {
        k.overcommit().uncharge(pages);
        return Errno.ENOMEM.neg();
      }
      mm.statAccount(merged.flags, pages);
      if (merged.has(VmFlags.LOCKED)) {
        mm.lockedVm += pages;
        locked[0] = true;
      }
      return addr;
    }
    if ((flags & Mman.MREMAP_MAYMOVE) == 0) {
      return Errno.ENOMEM.neg();
    }
    int mapFlags = vma.has(VmFlags.MAYSHARE) ? Mman.MAP_SHARED : 0;
    long newAddr = UnmappedArea.get(t, vma.file, 0, newLen, vma.pgoff + ((addr - vma.start) >>> 12), mapFlags);
    if (Errno.isError(newAddr)) {
      return newAddr;
    }
    return moveVma(t, vma, addr, oldLen, newLen, newAddr, locked, flags);
  }

  /**
   * remap_move() (6.17+): a same-size MREMAP_FIXED move takes every VMA of the range, each moved
   * on its own and placed so that the gaps between them stay as they were. A gap at the start is
   * EFAULT. The result is where the first one went.
   */
  private static long remapMove(Task t, long start, long len, long newAddr, int flags) {
    MmStruct mm = t.mm();
    long end = start + len;
    if (Long.compareUnsigned(end, newAddr) > 0 && Long.compareUnsigned(newAddr + len, start) > 0) {
      return Errno.EINVAL.neg(); // vrm_overlaps()
    }
    long res = Errno.EFAULT.neg();
    long target = newAddr;
    long lastEnd = 0;
    boolean seen = false;
    for (Vma v = mm.vmas.find(start); v != null && Long.compareUnsigned(v.start, end) < 0; ) {
      if (!seen && start < v.start) {
        return Errno.EFAULT.neg();
      }
      long a = Math.max(v.start, start);
      long l = Math.min(end, v.end) - a;
      long offset = seen ? v.start - lastEnd : 0;
      long sourceEnd = v.end;
      lastEnd = sourceEnd;
      long r = mremapTo(t, a, l, target + offset, l, new boolean[1], flags);
      if (Errno.isError(r)) {
        return r;
      }
      if (!seen) {
        res = r;
      }
      seen = true;
      target = r + l;
      v = mm.vmas.find(sourceEnd);
    }
    return res;
  }

  /** mremap_to(): MREMAP_FIXED and/or MREMAP_DONTUNMAP. */
  private static long mremapTo(Task t, long addr, long oldLen, long newAddr, long newLen, boolean[] locked, int flags) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    if ((newAddr & 0xfff) != 0) {
      return Errno.EINVAL.neg();
    }
    if (Long.compareUnsigned(newLen, mm.taskSize) > 0 || Long.compareUnsigned(newAddr, mm.taskSize - newLen) > 0) {
      return Errno.EINVAL.neg();
    }
    if (Long.compareUnsigned(addr + oldLen, newAddr) > 0 && Long.compareUnsigned(newAddr + newLen, addr) > 0) {
      return Errno.EINVAL.neg();
    }
    if (mm.mapCount() + 2 >= k.maxMapCount() - 3) {
      return Errno.ENOMEM.neg();
    }
    if (k.version().atLeast(6, 17) && Long.compareUnsigned(oldLen, newLen) <= 0) {
      // check_prep_vma() (6.17+): the old range is checked before the destination is unmapped.
      long err = vmaToResize(t, addr, oldLen, newLen, flags);
      if (err != 0) {
        return err;
      }
    }
    if ((flags & Mman.MREMAP_FIXED) != 0) {
      long r = Munmap.doMunmap(t, newAddr, newLen);
      if (r != 0) {
        return r;
      }
    }
    if (Long.compareUnsigned(oldLen, newLen) > 0) {
      long r = Munmap.doMunmap(t, addr + newLen, oldLen - newLen);
      if (r != 0) {
        return r;
      }
      oldLen = newLen;
    }
    long err = vmaToResize(t, addr, oldLen, newLen, flags);
    if (err != 0) {
      return err;
    }
    Vma vma = mm.vmas.lookup(addr);
    if ((flags & Mman.MREMAP_DONTUNMAP) != 0 && !Mmap.mayExpandVm(t, vma.flags, oldLen >>> 12)) {
      return Errno.ENOMEM.neg();
    }
    int mapFlags = 0;
    if ((flags & Mman.MREMAP_FIXED) != 0) {
      mapFlags |= Mman.MAP_FIXED;
    }
    if (vma.has(VmFlags.MAYSHARE)) {
      mapFlags |= Mman.MAP_SHARED;
    }
    long ret = UnmappedArea.get(t, vma.file, newAddr, newLen, vma.pgoff + ((addr - vma.start) >>> 12), mapFlags);
    if (Errno.isError(ret)) {
      return ret;
    }
    if ((flags & Mman.MREMAP_FIXED) == 0) {
      newAddr = ret;
    }
    return moveVma(t, vma, addr, oldLen, newLen, newAddr, locked, flags);
  }

  /** vma_to_resize(): the checks on the source VMA; 0 if fine. */
  private static long vmaToResize(Task t, long addr, long oldLen, long newLen, int flags) {
    MmStruct mm = t.mm();
    Vma vma = mm.vmas.lookup(addr);
    if (vma == null) {
      return Errno.EFAULT.neg();
    }
    if (oldLen == 0 && (vma.flags & (VmFlags.SHARED | VmFlags.MAYSHARE)) == 0) {
      return Errno.EINVAL.neg();
    }
    if ((flags & Mman.MREMAP_DONTUNMAP) != 0 && (vma.flags & (VmFlags.DONTEXPAND | VmFlags.PFNMAP)) != 0) {
      return Errno.EINVAL.neg();
    }
    if (Long.compareUnsigned(oldLen, vma.end - addr) > 0) {
      return Errno.EFAULT.neg();
    }
    if (newLen == oldLen) {
      return 0;
    }
    long pgoff = vma.pgoff + ((addr - vma.start) >>> 12);
    if (Long.compareUnsigned(pgoff + (newLen >>> 12), pgoff) < 0) {
      return Errno.EINVAL.neg();
    }
    if ((vma.flags & (VmFlags.DONTEXPAND | VmFlags.PFNMAP)) != 0) {
      return Errno.EFAULT.neg();
    }
    if (!Mlock.futureOk(t, vma.flags, newLen - oldLen)) {
      return Errno.EAGAIN.neg();
    }
    if (!Mmap.mayExpandVm(t, vma.flags, (newLen - oldLen) >>> 12)) {
      return Errno.ENOMEM.neg();
    }
    return 0;
  }

  /** vma_expandable(): nothing above, and the new end passes the MAP_FIXED bounds check. */
  private static boolean expandable(Task t, Vma vma, long delta) {
    long end = vma.end + delta;
    if (Long.compareUnsigned(end, vma.end) < 0) {
      return false;
    }
    if (t.mm().vmas.intersection(vma.end, end) != null) {
      return false;
    }
    long r = UnmappedArea.get(t, null, vma.start, end - vma.start, 0, Mman.MAP_FIXED);
    return (r & 0xfff) == 0;
  }

  /** move_vma(): copy_vma, move_page_tables, then unmap the old range (unless DONTUNMAP). */
  private static long moveVma(Task t, Vma vma, long oldAddr, long oldLen, long newLen, long newAddr,
      boolean[] locked, int flags) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    if (mm.mapCount() >= k.maxMapCount() - 3) {
      return Errno.ENOMEM.neg();
    }
    long toAccount = (flags & Mman.MREMAP_DONTUNMAP) != 0 ? newLen : newLen - oldLen;
    long vmFlags = vma.flags;
    if (vma.specialName != null && (vma.start != oldAddr || vma.end != oldAddr + oldLen)) {
      return Errno.EINVAL.neg();
    }
    if ((vmFlags & VmFlags.ACCOUNT) != 0 && !k.overcommit().charge(k, mm, toAccount >>> 12, t.privileged())) {
      return Errno.ENOMEM.neg();
    }
    long newPgoff = vma.pgoff + ((oldAddr - vma.start) >>> 12);
    Vma newVma = copyVma(k, mm, vma, newAddr, newLen, newPgoff);
    vma = mm.vmas.lookup(oldAddr);
    k.pageOps().movePageTables(mm, vma, oldAddr, newVma, newAddr, oldLen);
    long accountStart = 0;
    long accountEnd = 0;
    if ((vmFlags & VmFlags.ACCOUNT) != 0 && (flags & Mman.MREMAP_DONTUNMAP) == 0) {
      vma.flags &= ~VmFlags.ACCOUNT;
      if (vma.start < oldAddr) {
        accountStart = vma.start;
      }
      if (vma.end > oldAddr + oldLen) {
        accountEnd = vma.end;
      }
    }
    long hiwaterVm = mm.hiwaterVm;
    mm.statAccount(vma.flags, newLen >>> 12);
    if ((flags & Mman.MREMAP_DONTUNMAP) != 0) {
      if ((vmFlags & VmFlags.LOCKED) != 0 && k.version().atLeast(6, 17)) {
        // vrm_stat_account() counts the new range in locked_vm; dontunmap_complete() then
        // clears VM_LOCKED on the old one without taking it off (6.1 touched neither).
        mm.lockedVm += newLen >>> 12;
      }
      vma.flags &= ~VmFlags.LOCKED_MASK;
      if (newVma != vma && vma.start == oldAddr && vma.end == oldAddr + oldLen) {
        k.vmaOps().unlinkAnonVmas(vma);
      }
      return newAddr;
    }
    if (Munmap.doMunmap(t, oldAddr, oldLen) < 0) {
      if ((vmFlags & VmFlags.ACCOUNT) != 0) {
        k.overcommit().charge(k, mm, oldLen >>> 12, true);
      }
      accountStart = 0;
      accountEnd = 0;
    }
    if ((vmFlags & VmFlags.LOCKED) != 0) {
      mm.lockedVm += newLen >>> 12;
      locked[0] = true;
    }
    mm.hiwaterVm = hiwaterVm;
    if (accountStart != 0) {
      Vma before = mm.vmas.lookup(accountStart);
      if (before != null) {
        before.flags |= VmFlags.ACCOUNT;
      }
    }
    if (accountEnd != 0) {
      Vma after = mm.vmas.lookup(accountEnd - 1);
      if (after != null) {
        after.flags |= VmFlags.ACCOUNT;
      }
    }
    return newAddr;
  }

  /** copy_vma(): the destination VMA, merged with a neighbour if possible. */
  private static Vma copyVma(Kernel k, MmStruct mm, Vma vma, long addr, long len, long pgoff) {
    if (vma.isAnonymous() && vma.anonVma == null) {
      pgoff = addr >>> 12;
    }
    Vma after = mm.vmas.find(addr);
    Vma prev = after != null ? after.prev : mm.vmas.last();
    Vma merged = k.vmaOps().merge(mm, prev, addr, addr + len, vma.flags, vma.anonVma, vma.file, pgoff, vma.anonName, vma);
    if (merged != null) {
      return merged;
    }
    Vma n = k.vmaOps().newVma(mm, addr, addr + len, vma.flags, pgoff, vma.file);
    n.specialName = vma.specialName;
    n.anonName = vma.anonName;
    n.anonVma = vma.anonVma;
    if (n.anonVma != null) {
      n.anonVma.activeVmas++;
    }
    k.vmaOps().anonVmaClone(n, vma);
    k.vmaOps().link(mm, n);
    return n;
  }

  private static long pageAlign(long v) {
    return (v + 0xfff) & ~0xfffL;
  }
}
