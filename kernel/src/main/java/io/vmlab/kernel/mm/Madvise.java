package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;

/** madvise(2) of mm/madvise.c (6.1): flag changes that split and merge VMAs, and page advice. */
public final class Madvise {
  private Madvise() {}

  /** The madvise system call: 0 or a negated errno. */
  public static long madvise(Task t, long start, long lenIn, int behavior) {
    if (!valid(behavior)) {
      return Errno.EINVAL.neg();
    }
    if ((start & 0xfff) != 0) {
      return Errno.EINVAL.neg();
    }
    long len = t.kernel().ulong((lenIn + 0xfff) & ~0xfffL);
    if (lenIn != 0 && len == 0) {
      return Errno.EINVAL.neg();
    }
    long end = t.kernel().ulong(start + len);
    if (Long.compareUnsigned(end, start) < 0) {
      return Errno.EINVAL.neg();
    }
    if (end == start) {
      return 0;
    }
    boolean populate = behavior == Mman.MADV_POPULATE_READ || behavior == Mman.MADV_POPULATE_WRITE;
    if (populate && t.kernel().version().atLeast(6, 10)) {
      return populate(t, start, end, behavior);
    }
    return walk(t, start, end, behavior);
  }

  /**
   * madvise_populate() of 6.10+: get_user_pages(FOLL_MADV_POPULATE) from the start, stopping at
   * the first hole (ENOMEM) or VMA that refuses the access (EINVAL), what came before populated.
   */
  private static long populate(Task t, long start, long end, int behavior) {
    int how = behavior == Mman.MADV_POPULATE_WRITE ? PageOps.POPULATE_WRITE : PageOps.POPULATE_READ;
    long addr = start;
    while (Long.compareUnsigned(addr, end) < 0) {
      Vma vma = t.mm().vmas.lookup(addr);
      if (vma == null) {
        return Errno.ENOMEM.neg();
      }
      long vf = vma.flags;
      if ((vf & (VmFlags.IO | VmFlags.PFNMAP)) != 0
          || (vf & (how == PageOps.POPULATE_WRITE ? VmFlags.WRITE : VmFlags.READ)) == 0) {
        return Errno.EINVAL.neg();
      }
      long tmp = Math.min(vma.end, end);
      long r = t.kernel().pageOps().populate(t, vma, addr, tmp, how);
      if (r != 0) {
        return r;
      }
      addr = tmp;
    }
    return 0;
  }

  private static boolean valid(int b) {
    return switch (b) {
      case Mman.MADV_NORMAL, Mman.MADV_RANDOM, Mman.MADV_SEQUENTIAL, Mman.MADV_WILLNEED,
          Mman.MADV_DONTNEED, Mman.MADV_FREE, Mman.MADV_REMOVE, Mman.MADV_DONTFORK, Mman.MADV_DOFORK,
          Mman.MADV_MERGEABLE, Mman.MADV_UNMERGEABLE, Mman.MADV_HUGEPAGE, Mman.MADV_NOHUGEPAGE,
          Mman.MADV_DONTDUMP, Mman.MADV_DODUMP, Mman.MADV_WIPEONFORK, Mman.MADV_KEEPONFORK,
          Mman.MADV_COLD, Mman.MADV_PAGEOUT, Mman.MADV_POPULATE_READ, Mman.MADV_POPULATE_WRITE -> true;
      default -> false;
    };
  }

  /** madvise_walk_vmas(): holes are skipped but make the call return ENOMEM at the end. */
  private static long walk(Task t, long start, long end, int behavior) {
    MmStruct mm = t.mm();
    long unmappedError = 0;
    Vma vma = mm.vmas.find(start);
    Vma[] prev = {vma != null && start > vma.start ? vma : (vma != null ? vma.prev : mm.vmas.last())};
    while (true) {
      if (vma == null) {
        return Errno.ENOMEM.neg();
      }
      if (start < vma.start) {
        unmappedError = Errno.ENOMEM.neg();
        start = vma.start;
        if (start >= end) {
          break;
        }
      }
      long tmp = Math.min(vma.end, end);
      long err = behave(t, vma, prev, start, tmp, behavior);
      if (err != 0) {
        return err;
      }
      start = tmp;
      if (prev[0] != null && start < prev[0].end) {
        start = prev[0].end;
      }
      if (start >= end) {
        break;
      }
      vma = mm.vmas.find(prev[0] != null ? prev[0].end : start);
    }
    return unmappedError;
  }

  /** madvise_vma_behavior(). */
  private static long behave(Task t, Vma vma, Vma[] prev, long start, long end, int behavior) {
    Kernel k = t.kernel();
    long newFlags = vma.flags;
    switch (behavior) {
      case Mman.MADV_WILLNEED -> {
        prev[0] = vma;
        return 0;
      }
      case Mman.MADV_COLD, Mman.MADV_PAGEOUT -> {
        prev[0] = vma;
        // can_madv_lru_vma()
        if ((vma.flags & (VmFlags.LOCKED | VmFlags.PFNMAP | VmFlags.HUGETLB)) != 0) {
          return Errno.EINVAL.neg();
        }
        k.pageOps().coldOrPageout(t.mm(), vma, start, end, behavior == Mman.MADV_PAGEOUT);
        return 0;
      }
      case Mman.MADV_REMOVE -> {
        prev[0] = vma;
        if (vma.has(VmFlags.LOCKED) || vma.file == null) {
          return Errno.EINVAL.neg();
        }
        // vma_is_shared_maywrite(): a shared mapping that could be made writable will do.
        if ((vma.flags & (VmFlags.SHARED | VmFlags.MAYWRITE)) != (VmFlags.SHARED | VmFlags.MAYWRITE)) {
          return Errno.EACCES.neg();
        }
        // madvise_remove(): vfs_fallocate(PUNCH_HOLE | KEEP_SIZE) of the range's file pages.
        k.pageOps().punchHole(vma.file.inode(), vma.pgoffOf(start), vma.pgoffOf(end));
        return 0;
      }
      case Mman.MADV_DONTNEED, Mman.MADV_FREE -> {
        prev[0] = vma;
        if ((vma.flags & (VmFlags.LOCKED | VmFlags.HUGETLB | VmFlags.PFNMAP)) != 0) {
          return Errno.EINVAL.neg();
        }
        if (behavior == Mman.MADV_DONTNEED) {
          t.mm().updateHiwaterRss();
          k.pageOps().zap(t.mm(), vma, start, end);
          k.pageOps().flushTlb(t.mm(), start, end);
        } else {
          if (!vma.isAnonymous()) {
            return Errno.EINVAL.neg();
          }
          k.pageOps().lazyFree(t.mm(), vma, start, end);
        }
        return 0;
      }
      case Mman.MADV_POPULATE_READ, Mman.MADV_POPULATE_WRITE -> {
        prev[0] = vma;
        // madvise_populate(): check_vma_flags() refusing the access is EINVAL, not EFAULT.
        int how = behavior == Mman.MADV_POPULATE_WRITE ? PageOps.POPULATE_WRITE : PageOps.POPULATE_READ;
        long vf = vma.flags;
        if ((vf & (VmFlags.IO | VmFlags.PFNMAP)) != 0
            || (vf & (how == PageOps.POPULATE_WRITE ? VmFlags.WRITE : VmFlags.READ)) == 0) {
          return Errno.EINVAL.neg();
        }
        return k.pageOps().populate(t, vma, start, end, how);
      }
      case Mman.MADV_NORMAL -> newFlags &= ~(VmFlags.RAND_READ | VmFlags.SEQ_READ);
      case Mman.MADV_SEQUENTIAL -> newFlags = (newFlags & ~VmFlags.RAND_READ) | VmFlags.SEQ_READ;
      case Mman.MADV_RANDOM -> newFlags = (newFlags & ~VmFlags.SEQ_READ) | VmFlags.RAND_READ;
      case Mman.MADV_DONTFORK -> newFlags |= VmFlags.DONTCOPY;
      case Mman.MADV_DOFORK -> {
        if (vma.has(VmFlags.IO)) {
          return Errno.EINVAL.neg();
        }
        newFlags &= ~VmFlags.DONTCOPY;
      }
      case Mman.MADV_WIPEONFORK -> {
        if (vma.file != null || vma.has(VmFlags.SHARED)) {
          return Errno.EINVAL.neg();
        }
        newFlags |= VmFlags.WIPEONFORK;
      }
      case Mman.MADV_KEEPONFORK -> newFlags &= ~VmFlags.WIPEONFORK;
      case Mman.MADV_DONTDUMP -> newFlags |= VmFlags.DONTDUMP;
      case Mman.MADV_DODUMP -> {
        if ((newFlags & VmFlags.SPECIAL) != 0) {
          return Errno.EINVAL.neg();
        }
        newFlags &= ~VmFlags.DONTDUMP;
      }
      case Mman.MADV_MERGEABLE -> {
        long never = VmFlags.MERGEABLE | VmFlags.SHARED | VmFlags.MAYSHARE | VmFlags.PFNMAP | VmFlags.IO
            | VmFlags.DONTEXPAND | VmFlags.HUGETLB | VmFlags.MIXEDMAP;
        if ((newFlags & never) == 0) {
          newFlags |= VmFlags.MERGEABLE;
        }
      }
      case Mman.MADV_UNMERGEABLE -> newFlags &= ~VmFlags.MERGEABLE;
      case Mman.MADV_HUGEPAGE -> newFlags = (newFlags & ~VmFlags.NOHUGEPAGE) | VmFlags.HUGEPAGE;
      case Mman.MADV_NOHUGEPAGE -> newFlags = (newFlags & ~VmFlags.HUGEPAGE) | VmFlags.NOHUGEPAGE;
      default -> {
        return Errno.EINVAL.neg();
      }
    }
    long err = updateVma(t, vma, prev, start, end, newFlags);
    return err == Errno.ENOMEM.neg() ? Errno.EAGAIN.neg() : err;
  }

  /** madvise_update_vma(). */
  private static long updateVma(Task t, Vma vma, Vma[] prev, long start, long end, long newFlags) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    if (newFlags == vma.flags) {
      prev[0] = vma;
      return 0;
    }
    VmaOps ops = k.vmaOps();
    long pgoff = vma.pgoff + ((start - vma.start) >>> 12);
    Vma merged = ops.merge(mm, prev[0], start, end, newFlags, vma.anonVma, vma.file, pgoff, vma.anonName, vma);
    if (merged != null) {
      vma = merged;
    } else {
      prev[0] = vma;
      if ((start != vma.start || end != vma.end) && !VmaOps.maySplit(vma)) {
        return Errno.EINVAL.neg();
      }
      if (start != vma.start) {
        if (mm.mapCount() >= k.maxMapCount()) {
          return Errno.ENOMEM.neg();
        }
        ops.split(mm, vma, start, true);
      }
      if (end != vma.end) {
        if (mm.mapCount() >= k.maxMapCount()) {
          return Errno.ENOMEM.neg();
        }
        ops.split(mm, vma, end, false);
      }
    }
    prev[0] = vma;
    vma.flags = newFlags;
    return 0;
  }
}
