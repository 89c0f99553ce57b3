package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import java.util.List;

/** munmap(2): do_mas_munmap, do_mas_align_munmap and unmap_region of mm/mmap.c (6.1). */
public final class Munmap {
  private Munmap() {}

  /** The munmap system call: 0 or a negated errno. */
  public static long munmap(Task t, long start, long len) {
    return doMunmap(t, start, len);
  }

  /** do_mas_munmap(): checks the range, then unmaps whatever VMAs intersect it. */
  static long doMunmap(Task t, long start, long len) {
    MmStruct mm = t.mm();
    long taskSize = mm.taskSize;
    if ((start & 0xfff) != 0 || Long.compareUnsigned(start, taskSize) > 0
        || Long.compareUnsigned(len, taskSize - start) > 0) {
      return Errno.EINVAL.neg();
    }
    long end = start + ((len + 0xfff) & ~0xfffL);
    if (end == start) {
      return Errno.EINVAL.neg();
    }
    Vma vma = mm.vmas.intersection(start, end);
    if (vma == null) {
      return 0;
    }
    return alignedMunmap(t, vma, start, end);
  }

  /** do_mas_align_munmap(): split the ends, detach the VMAs, zap them, free their tables. */
  static long alignedMunmap(Task t, Vma vma, long start, long end) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    VmaOps ops = k.vmaOps();
    if (start > vma.start) {
      if (!VmaOps.maySplit(vma)) {
        return Errno.EINVAL.neg();
      }
      if (end < vma.end && mm.mapCount() >= k.maxMapCount()) {
        return Errno.ENOMEM.neg();
      }
      vma = ops.split(mm, vma, start, false);
    }
    for (Vma w = vma; w != null && w.start < end; w = w.next) {
      if (w.end > end && !VmaOps.maySplit(w)) {
        return Errno.EINVAL.neg();
      }
    }
    Vma prev = vma.prev;
    List<Vma> detached = mm.detachList();
    Vma v = vma;
    while (v != null && v.start < end) {
      Vma following = v.next;
      if (v.end > end) {
        Vma lower = ops.split(mm, v, end, true);
        detached.add(lower);
        break;
      }
      detached.add(v);
      v = following;
    }
    Vma next = detached.get(detached.size() - 1).next;
    for (Vma d : detached) {
      if ((d.flags & VmFlags.LOCKED) != 0) {
        mm.lockedVm -= d.pages();
      }
      mm.vmas.remove(d);
    }
    unmapRegion(k, mm, detached, prev == null ? 0 : prev.end, next == null ? 0 : next.start);
    removeVmas(k, mm, detached);
    mm.releaseDetachList(detached);
    return 0;
  }

  /** unmap_region(): zaps the detached VMAs and frees their page tables. */
  static void unmapRegion(Kernel k, MmStruct mm, List<Vma> detached, long floor, long ceiling) {
    PageOps pages = k.pageOps();
    mm.updateHiwaterRss();
    for (Vma d : detached) {
      pages.zap(mm, d, d.start, d.end);
    }
    pages.freePgtables(mm, detached, floor, ceiling);
    for (Vma d : detached) {
      k.vmaOps().unlinkRmap(d);
    }
    pages.flushTlb(mm, detached.get(0).start, detached.get(detached.size() - 1).end);
  }

  /** remove_mt(): statistics and commit charges of the removed VMAs. */
  static void removeVmas(Kernel k, MmStruct mm, List<Vma> detached) {
    mm.updateHiwaterVm();
    long accounted = 0;
    for (Vma d : detached) {
      long n = d.pages();
      if ((d.flags & VmFlags.ACCOUNT) != 0) {
        accounted += n;
      }
      mm.statAccount(d.flags, -n);
    }
    k.overcommit().uncharge(accounted);
  }
}
