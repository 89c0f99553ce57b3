package io.vmlab.kernel.mm;

import io.vmlab.api.arch.MmapSearch;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.OpenFile;

/**
 * get_unmapped_area() and vm_unmapped_area() (mm/mmap.c), with the architecture's flavour
 * (generic for 32-bit x86 kernels, arch/x86/kernel/sys_x86_64.c for 64-bit ones) and 6.18's THP
 * alignment of large anonymous mappings and of disk-file mappings. Results follow the syscall convention: an address or a
 * negated errno.
 */
final class UnmappedArea {
  private static final long PMD_SIZE = 2L << 20;

  private UnmappedArea() {}

  /** get_unmapped_area(file, addr, len, pgoff, flags). */
  static long get(Task t, OpenFile file, long addr, long len, long pgoff, int flags) {
    MmStruct mm = t.mm();
    long taskSize = mm.taskSize;
    if (Long.compareUnsigned(len, taskSize) > 0) {
      return Errno.ENOMEM.neg();
    }
    long result;
    if (file == null && (flags & Mman.MAP_SHARED) != 0) {
      result = arch(t, null, addr, len, 0, flags);
    } else if (file == null && thpAligns(t) && addr == 0 && (len & (PMD_SIZE - 1)) == 0) {
      result = thpAligned(t, null, addr, len, 0, flags);
      if (result == 0) {
        result = arch(t, null, addr, len, pgoff, flags);
      }
    } else if (file != null && !file.inode().shmem() && thpAligns(t)) {
      // f_op->get_unmapped_area of a disk filesystem (ext4, xfs): thp_get_unmapped_area().
      result = thpAligned(t, file, addr, len, pgoff << 12, flags);
      if (result == 0) {
        result = arch(t, file, addr, len, pgoff, flags);
      }
    } else {
      result = arch(t, file, addr, len, pgoff, flags);
    }
    if (Errno.isError(result)) {
      return result;
    }
    if (Long.compareUnsigned(result, taskSize - len) > 0) {
      return Errno.ENOMEM.neg();
    }
    if ((result & 0xfff) != 0) {
      return Errno.EINVAL.neg();
    }
    // security_mmap_addr(): cap_mmap_addr needs CAP_SYS_RAWIO below mmap_min_addr.
    if (Long.compareUnsigned(result, t.kernel().mmapMinAddr()) < 0 && !t.privileged()) {
      return Errno.EPERM.neg();
    }
    return result;
  }

  /**
   * 6.7+ on 64-bit ABIs: anonymous private no-hint mappings of a PMD multiple, and mappings of
   * files on disk filesystems, are THP aligned (shmem files go through shmem_get_unmapped_area).
   */
  private static boolean thpAligns(Task t) {
    return t.kernel().version().atLeast(6, 7) && t.abi().wordBytes() == 8 && !t.abi().compat();
  }

  /**
   * __thp_get_unmapped_area() (mm/huge_memory.c): when a whole PMD of the file range [off,
   * off + len) fits, search for len + 2 MiB and place the mapping so that the address and the
   * offset agree modulo 2 MiB; 0 means "fall back" (no room for the padding, or no whole PMD).
   */
  private static long thpAligned(Task t, OpenFile file, long addr, long len, long off, int flags) {
    // loff_t arithmetic as the kernel does it: round_up() may overflow to a negative offset,
    // and the difference is compared with the unsigned size (a file offset near 2^63 then still
    // gets the padded search, as the 6.18 host showed).
    long offAlign = (off + PMD_SIZE - 1) & ~(PMD_SIZE - 1);
    long offEnd = off + len;
    if (offEnd <= offAlign || Long.compareUnsigned(offEnd - offAlign, PMD_SIZE) < 0) {
      return 0;
    }
    long lenPad = len + PMD_SIZE;
    if (Long.compareUnsigned(lenPad, len) < 0) {
      return 0;
    }
    long ret = arch(t, file, addr, lenPad, off >>> 12, flags);
    if (Errno.isError(ret)) {
      return 0;
    }
    if (ret == addr) {
      return addr;
    }
    long offSub = (off - ret) & (PMD_SIZE - 1);
    if (t.mm().topDown && offSub == 0) {
      return ret + PMD_SIZE;
    }
    return ret + offSub;
  }

  /** mm->get_unmapped_area: top-down or bottom-up in the architecture's flavour. */
  private static long arch(Task t, OpenFile file, long addr, long len, long pgoff, int flags) {
    MmStruct mm = t.mm();
    boolean generic = t.kernel().arch().mmapSearch() == MmapSearch.GENERIC;
    if (generic) {
      return mm.topDown ? genericTopDown(t, addr, len, flags) : genericBottomUp(t, addr, len, flags);
    }
    return mm.topDown ? x86TopDown(t, addr, len, pgoff, flags) : x86BottomUp(t, addr, len, pgoff, flags);
  }

  /** mm/mmap.c generic_get_unmapped_area_topdown(). */
  private static long genericTopDown(Task t, long addr, long len, int flags) {
    MmStruct mm = t.mm();
    long mmapEnd = mm.taskSize;
    long minAddr = t.kernel().mmapMinAddr();
    if (Long.compareUnsigned(len, mmapEnd - minAddr) > 0) {
      return Errno.ENOMEM.neg();
    }
    if ((flags & Mman.MAP_FIXED) != 0) {
      return addr;
    }
    if (addr != 0) {
      addr = pageAlign(addr);
      if (Long.compareUnsigned(mmapEnd - len, addr) >= 0 && Long.compareUnsigned(addr, minAddr) >= 0
          && hintFree(t, addr, len)) {
        return addr;
      }
    }
    long r = topDown(t, len, Math.max(4096, minAddr), mm.mmapBase, 0);
    if (Errno.isError(r)) {
      r = bottomUp(t, len, mm.abi.taskUnmappedBase(), mmapEnd, 0);
    }
    return r;
  }

  /** mm/mmap.c generic_get_unmapped_area(). */
  private static long genericBottomUp(Task t, long addr, long len, int flags) {
    MmStruct mm = t.mm();
    long mmapEnd = mm.taskSize;
    long minAddr = t.kernel().mmapMinAddr();
    if (Long.compareUnsigned(len, mmapEnd - minAddr) > 0) {
      return Errno.ENOMEM.neg();
    }
    if ((flags & Mman.MAP_FIXED) != 0) {
      return addr;
    }
    if (addr != 0) {
      addr = pageAlign(addr);
      if (Long.compareUnsigned(mmapEnd - len, addr) >= 0 && Long.compareUnsigned(addr, minAddr) >= 0
          && hintFree(t, addr, len)) {
        return addr;
      }
    }
    return bottomUp(t, len, mm.mmapBase, mmapEnd, 0);
  }

  /** arch/x86/kernel/sys_x86_64.c arch_get_unmapped_area_topdown(). */
  private static long x86TopDown(Task t, long addr0, long len, long pgoff, int flags) {
    MmStruct mm = t.mm();
    long taskSize = mm.taskSize;
    if (Long.compareUnsigned(len, taskSize) > 0) {
      return Errno.ENOMEM.neg();
    }
    if ((flags & Mman.MAP_FIXED) != 0) {
      return addr0;
    }
    long window = mm.abi.mapWindow();
    boolean native64 = !mm.abi.compat() && mm.abi.wordBytes() == 8;
    if (!(native64 && (flags & Mman.MAP_32BIT) != 0)) {
      long addr = addr0;
      if (addr != 0) {
        addr &= ~0xfffL;
        boolean hintValid = Long.compareUnsigned(taskSize - len, addr) >= 0
            && (Long.compareUnsigned(addr, window) > 0) == (Long.compareUnsigned(addr + len, window) > 0);
        if (hintValid && hintFree(t, addr, len)) {
          return addr;
        }
      }
      long high = mm.mmapBase;
      if (native64 && Long.compareUnsigned(addr, window) > 0) {
        high += t.kernel().arch().taskSizeMax() - window;
      }
      long r = topDown(t, len, 4096, high, pgoff << 12);
      if (!Errno.isError(r)) {
        return r;
      }
    }
    return x86BottomUp(t, addr0, len, pgoff, flags);
  }

  /** arch/x86/kernel/sys_x86_64.c arch_get_unmapped_area() with find_start_end(). */
  private static long x86BottomUp(Task t, long addr, long len, long pgoff, int flags) {
    MmStruct mm = t.mm();
    if ((flags & Mman.MAP_FIXED) != 0) {
      return addr;
    }
    long begin;
    long end;
    boolean native64 = !mm.abi.compat() && mm.abi.wordBytes() == 8;
    if (native64 && (flags & Mman.MAP_32BIT) != 0) {
      begin = mm.abi.map32BitStart();
      end = mm.abi.map32BitEnd();
    } else {
      begin = mm.mmapLegacyBase;
      end = native64 && Long.compareUnsigned(addr, mm.abi.mapWindow()) > 0
          ? t.kernel().arch().taskSizeMax() : mm.abi.mapWindow();
    }
    if (Long.compareUnsigned(len, end) > 0) {
      return Errno.ENOMEM.neg();
    }
    if (addr != 0) {
      addr = pageAlign(addr);
      if (Long.compareUnsigned(end - len, addr) >= 0 && hintFree(t, addr, len)) {
        return addr;
      }
    }
    return bottomUp(t, len, begin, end, pgoff << 12);
  }

  /** The hint is free: nothing in [addr, addr+len), and it stays clear of a stack's guard gap. */
  private static boolean hintFree(Task t, long addr, long len) {
    Vma v = t.mm().vmas.find(addr);
    return v == null || Long.compareUnsigned(addr + len, v.startGap(t.kernel().stackGuardGap())) <= 0;
  }

  /** unmapped_area_topdown() of 6.1.158 (with the stack guard-gap retry). */
  static long topDown(Task t, long length, long lowLimit, long highLimit, long alignOffset) {
    VmaTree tree = t.mm().vmas;
    long guard = t.kernel().stackGuardGap();
    long low = Math.max(lowLimit, t.kernel().mmapMinAddr());
    long high = highLimit;
    while (true) {
      if (Long.compareUnsigned(high, low) <= 0) {
        return Errno.ENOMEM.neg();
      }
      long last = tree.emptyAreaRev(low, high - 1, length);
      if (last == -1) {
        return Errno.ENOMEM.neg();
      }
      long gap = last + 1 - length;
      Vma next = tree.find(last);
      if (next != null && next.has(VmFlags.GROWSDOWN)) {
        long sg = next.startGap(guard);
        if (Long.compareUnsigned(sg, last) <= 0) {
          high = sg;
          continue;
        }
      }
      return gap;
    }
  }

  /** unmapped_area() of 6.1.158 (with the stack guard-gap retry). */
  static long bottomUp(Task t, long length, long lowLimit, long highLimit, long alignOffset) {
    VmaTree tree = t.mm().vmas;
    long guard = t.kernel().stackGuardGap();
    long low = Math.max(lowLimit, t.kernel().mmapMinAddr());
    while (true) {
      if (Long.compareUnsigned(highLimit, low) <= 0) {
        return Errno.ENOMEM.neg();
      }
      long gap = tree.emptyArea(low, highLimit - 1, length);
      if (gap == -1) {
        return Errno.ENOMEM.neg();
      }
      Vma next = tree.find(gap);
      if (next != null && next.has(VmFlags.GROWSDOWN)) {
        if (Long.compareUnsigned(next.startGap(guard), gap + length - 1) < 0) {
          low = next.end;
          continue;
        }
      }
      return gap;
    }
  }

  private static long pageAlign(long a) {
    return (a + 0xfff) & ~0xfffL;
  }
}
