package io.vmlab.kernel.mm;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;

/** mmap(2): ksys_mmap_pgoff, do_mmap and mmap_region of mm/mmap.c (6.1). */
public final class Mmap {
  private Mmap() {}

  /**
   * The mmap system call. {@code offset} is in bytes; an unaligned offset is EINVAL (x86-64
   * mmap, i386 old_mmap). Returns the address or a negated errno.
   */
  public static long mmap(Task t, long addr, long len, int prot, int flags, OpenFile file, long offset) {
    if ((offset & 0xfff) != 0) {
      return Errno.EINVAL.neg();
    }
    if ((flags & Mman.MAP_ANONYMOUS) == 0 && file == null) {
      return Errno.EBADF.neg();
    }
    if ((flags & Mman.MAP_ANONYMOUS) != 0) {
      file = null;
    }
    if ((flags & Mman.MAP_HUGETLB) != 0) {
      if (file != null) {
        return Errno.EINVAL.neg();
      }
      // hstate_sizelog(): a size the machine has no huge pages of is EINVAL; otherwise
      // hugetlb_file_setup() finds an empty pool (no hugetlbfs pages are modelled).
      int log = (flags >>> Mman.MAP_HUGE_SHIFT) & 0x3f;
      return log == 0 || hugePageSize(t.kernel(), 1L << log) ? Errno.ENOMEM.neg() : Errno.EINVAL.neg();
    }
    long r = doMmap(t, file, addr, len, prot, flags, offset >>> 12);
    if (!Errno.isError(r) && populates(t.mm(), flags)) {
      populateRange(t, r, r + ((len + 0xfff) & ~0xfffL));
    }
    return r;
  }

  /**
   * Whether do_mmap() asks for mm_populate(): a locked mapping (MAP_LOCKED or mlockall's
   * VM_LOCKED in def_flags), or MAP_POPULATE without MAP_NONBLOCK.
   */
  static boolean populates(MmStruct mm, int flags) {
    return (flags & Mman.MAP_LOCKED) != 0 || (mm.defFlags & VmFlags.LOCKED) != 0
        || (flags & (Mman.MAP_POPULATE | Mman.MAP_NONBLOCK)) == Mman.MAP_POPULATE;
  }

  /** do_mmap(): the address, or a negated errno; {@link #populates} says whether to fault it in. */
  static long doMmap(Task t, OpenFile file, long addr, long len, int prot, int flags, long pgoff) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    if (len == 0) {
      return Errno.EINVAL.neg();
    }
    if ((prot & Mman.PROT_READ) != 0 && (t.personality() & Task.READ_IMPLIES_EXEC) != 0) {
      prot |= Mman.PROT_EXEC;
    }
    if ((flags & Mman.MAP_FIXED_NOREPLACE) != 0) {
      flags |= Mman.MAP_FIXED;
    }
    if ((flags & Mman.MAP_FIXED) == 0) {
      addr = roundHintToMin(addr, k.mmapMinAddr());
    }
    long alignedLen = (len + 0xfff) & ~0xfffL;
    if (alignedLen == 0) {
      return Errno.ENOMEM.neg();
    }
    len = alignedLen;
    if (Long.compareUnsigned(pgoff + (len >>> 12), pgoff) < 0) {
      return Errno.EOVERFLOW.neg();
    }
    if (mm.mapCount() > k.maxMapCount()) {
      return Errno.ENOMEM.neg();
    }
    addr = UnmappedArea.get(t, file, addr, len, pgoff, flags);
    if (Errno.isError(addr)) {
      return addr;
    }
    if ((flags & Mman.MAP_FIXED_NOREPLACE) != 0 && mm.vmas.intersection(addr, addr + len) != null) {
      return Errno.EEXIST.neg();
    }
    long vmFlags = Mman.protBits(prot) | Mman.flagBits(flags, k.version()) | mm.defFlags
        | VmFlags.MAYREAD | VmFlags.MAYWRITE | VmFlags.MAYEXEC;
    if ((flags & Mman.MAP_LOCKED) != 0 && !canDoMlock(t)) {
      return Errno.EPERM.neg();
    }
    if (!Mlock.futureOk(t, vmFlags, len)) {
      return Errno.EAGAIN.neg();
    }
    if (file != null) {
      Inode inode = file.inode();
      if (!fileMmapOk(inode, pgoff, len)) {
        return Errno.EOVERFLOW.neg();
      }
      switch (flags & Mman.MAP_TYPE) {
        case Mman.MAP_SHARED, Mman.MAP_SHARED_VALIDATE -> {
          if ((flags & Mman.MAP_TYPE) == Mman.MAP_SHARED) {
            flags &= Mman.LEGACY_MAP_MASK;
          }
          // f_op->mmap_supported_flags: MAP_SYNC on a disk filesystem (ext4), nothing on tmpfs.
          int supported = inode.shmem() ? 0 : Mman.MAP_SYNC;
          if ((flags & ~(Mman.LEGACY_MAP_MASK | supported)) != 0) {
            return Errno.EOPNOTSUPP.neg();
          }
          if ((prot & Mman.PROT_WRITE) != 0 && !file.writable()) {
            return Errno.EACCES.neg();
          }
          vmFlags |= VmFlags.SHARED | VmFlags.MAYSHARE;
          if (!file.writable()) {
            vmFlags &= ~(VmFlags.MAYWRITE | VmFlags.SHARED);
          }
          if (!file.readable()) {
            return Errno.EACCES.neg();
          }
          if ((vmFlags & VmFlags.GROWSDOWN) != 0) {
            return Errno.EINVAL.neg();
          }
        }
        case Mman.MAP_PRIVATE -> {
          if (!file.readable()) {
            return Errno.EACCES.neg();
          }
          if ((vmFlags & VmFlags.GROWSDOWN) != 0) {
            return Errno.EINVAL.neg();
          }
        }
        default -> {
          return Errno.EINVAL.neg();
        }
      }
    } else {
      switch (flags & Mman.MAP_TYPE) {
        case Mman.MAP_SHARED -> {
          if ((vmFlags & VmFlags.GROWSDOWN) != 0) {
            return Errno.EINVAL.neg();
          }
          pgoff = 0;
          vmFlags |= VmFlags.SHARED | VmFlags.MAYSHARE;
        }
        case Mman.MAP_DROPPABLE -> {
          if (!k.version().atLeast(6, 11) || k.arch().kernelPointerBytes() != 8) {
            return Errno.EINVAL.neg();
          }
          if ((flags & (Mman.MAP_LOCKED | Mman.MAP_GROWSDOWN)) != 0) {
            return Errno.EINVAL.neg();
          }
          // Droppable pages are neither reserved nor kept across fork or in core dumps.
          vmFlags |= VmFlags.DROPPABLE | VmFlags.NORESERVE | VmFlags.WIPEONFORK | VmFlags.DONTDUMP;
          pgoff = addr >>> 12;
        }
        case Mman.MAP_PRIVATE -> pgoff = addr >>> 12;
        default -> {
          return Errno.EINVAL.neg();
        }
      }
    }
    if (file != null && !file.inode().shmem() && (vmFlags & VmFlags.SYNC) != 0) {
      // ext4_file_mmap(): VM_SYNC needs a DAX device (calc_vm_flag_bits() set it from MAP_SYNC
      // before MAP_SHARED's mask dropped the flag).
      return Errno.EOPNOTSUPP.neg();
    }
    if ((flags & Mman.MAP_NORESERVE) != 0
        && k.spec().kernel().overcommit() != io.vmlab.kernel.config.MachineSpec.Overcommit.NEVER) {
      vmFlags |= VmFlags.NORESERVE;
    }
    return mmapRegion(t, file, addr, len, vmFlags, pgoff);
  }

  /** get_unmapped_area(): where a mapping of {@code len} bytes would go (or a negated errno). */
  public static long getUnmappedArea(Task t, OpenFile file, long addr, long len, long pgoff, int flags) {
    return UnmappedArea.get(t, file, addr, len, pgoff, flags);
  }

  /**
   * Whether the machine has hstates of {@code size}: the page table's huge leaf sizes (HPAGE_SIZE,
   * 4 MiB on IA-32 2-level, 2 MiB elsewhere), and 1 GiB on x86-64 when the CPU has GBPAGES.
   */
  private static boolean hugePageSize(Kernel k, long size) {
    for (io.vmlab.api.arch.LevelGeometry l : k.arch().geometry().tableLevels()) {
      if (l.leafSize() == size) {
        return l.level() != io.vmlab.api.arch.PageLevel.PUD || k.spec().cpu().gbpages();
      }
    }
    return false;
  }

  /** round_hint_to_min(). */
  static long roundHintToMin(long hint, long mmapMinAddr) {
    hint &= ~0xfffL;
    if (hint != 0 && Long.compareUnsigned(hint, mmapMinAddr) < 0) {
      return (mmapMinAddr + 0xfff) & ~0xfffL;
    }
    return hint;
  }

  /** file_mmap_ok(): the mapping's end stays within the largest file offset. */
  private static boolean fileMmapOk(Inode inode, long pgoff, long len) {
    long maxbytes = Long.MAX_VALUE;
    long maxPages = maxbytes >>> 12;
    return Long.compareUnsigned(len >>> 12, maxPages) <= 0 && Long.compareUnsigned(pgoff, maxPages - (len >>> 12)) <= 0;
  }

  /** can_do_mlock(): RLIMIT_MEMLOCK non-zero or CAP_IPC_LOCK. */
  static boolean canDoMlock(Task t) {
    return t.privileged() || t.rlimitMemlock() != 0;
  }

  /** may_expand_vm(): RLIMIT_AS and, for data mappings, RLIMIT_DATA. */
  static boolean mayExpandVm(Task t, long flags, long pages) {
    MmStruct mm = t.mm();
    long as = t.rlimitAs();
    if (as >= 0 && mm.totalVm + pages > as >>> 12) {
      return false;
    }
    long data = t.rlimitData();
    boolean isData = (flags & (VmFlags.WRITE | VmFlags.SHARED | VmFlags.STACK)) == VmFlags.WRITE;
    if (isData && data >= 0 && mm.dataVm + pages > data >>> 12) {
      return false;
    }
    return true;
  }

  /** mmap_region(): unmaps what is there, merges with a neighbour or links a new VMA. */
  static long mmapRegion(Task t, OpenFile file, long addr, long len, long vmFlags, long pgoff) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    VmaOps ops = k.vmaOps();
    long pglen = len >>> 12;
    long end = addr + len;
    if (!mayExpandVm(t, vmFlags, pglen)) {
      long nr = countPages(mm, addr, end);
      if (!mayExpandVm(t, vmFlags, pglen - nr)) {
        return Errno.ENOMEM.neg();
      }
    }
    if (Munmap.doMunmap(t, addr, len) != 0) {
      return Errno.ENOMEM.neg();
    }
    long charged = 0;
    if (Overcommit.accountable(vmFlags)) {
      charged = pglen;
      if (!k.overcommit().charge(k, mm, charged, t.privileged())) {
        return Errno.ENOMEM.neg();
      }
      vmFlags |= VmFlags.ACCOUNT;
    }
    Vma next = mm.vmas.find(addr);
    Vma prev = next != null ? next.prev : mm.vmas.last();
    Vma vma = null;
    if ((vmFlags & VmFlags.SPECIAL) == 0) {
      long mergeStart = addr;
      long mergeEnd = end;
      long vmPgoff = 0;
      boolean right = next != null && next.start == end
          && k.vmaOps().canMergeBefore(next, vmFlags, null, file, pgoff + pglen, null);
      boolean left;
      if (k.version().atLeast(6, 12)) {
        // vma_merge_new_range() (mm/vma.c): left first; right too only if prev and next agree.
        left = prev != null && prev.end == addr && k.vmaOps().canMergeAfter(prev, vmFlags, null, file, pgoff, null);
        right &= !left || prev.anonVma == null || next.anonVma == null || prev.anonVma == next.anonVma;
      } else {
        // 6.1 mmap_region(): next first; prev only if it is compatible with next's anon_vma.
        left = prev != null && prev.end == addr
            && k.vmaOps().canMergeAfter(prev, vmFlags, right ? next.anonVma : null, file, pgoff, null);
      }
      if (right) {
        mergeEnd = next.end;
        vma = next;
        vmPgoff = next.pgoff - pglen;
      }
      if (left) {
        mergeStart = prev.start;
        vma = prev;
        vmPgoff = prev.pgoff;
      }
      if (vma != null) {
        ops.expand(mm, vma, mergeStart, mergeEnd, vmPgoff, next);
      }
    }
    if (vma == null) {
      vma = ops.newVma(mm, addr, end, vmFlags, pgoff, file);
      if (file == null && (vmFlags & VmFlags.SHARED) != 0) {
        // shmem_zero_setup(): a shmem file of the mapping's size.
        Inode shm = k.files().newShmemZero(len);
        k.mappings().register(shm.mapping());
        vma.file = new OpenFile(shm, true, true);
      } else if (file != null) {
        k.mappings().register(file.inode().mapping());
      }
      ops.link(mm, vma);
    }
    mm.statAccount(vmFlags, pglen);
    if ((vmFlags & VmFlags.LOCKED) != 0) {
      mm.lockedVm += pglen;
    }
    vma.flags |= VmFlags.SOFTDIRTY;
    return addr;
  }

  /** count_vma_pages_range(). */
  static long countPages(MmStruct mm, long start, long end) {
    long n = 0;
    for (Vma v = mm.vmas.find(start); v != null && v.start < end; v = v.next) {
      n += (Math.min(end, v.end) - Math.max(start, v.start)) >>> 12;
    }
    return n;
  }

  /** mm_populate() / __mm_populate(start, len, ignore_errors): faults the range in. */
  static void populateRange(Task t, long start, long end) {
    MmStruct mm = t.mm();
    long nstart = start;
    while (nstart < end) {
      Vma v = mm.vmas.find(nstart);
      if (v == null || v.start >= end) {
        break;
      }
      if (nstart < v.start) {
        nstart = v.start;
      }
      long nend = Math.min(end, v.end);
      if ((v.flags & (VmFlags.IO | VmFlags.PFNMAP)) == 0 && (v.flags & VmFlags.LOCKONFAULT) == 0) {
        t.kernel().pageOps().populate(t, v, nstart, nend, PageOps.POPULATE_LOCK);
      }
      nstart = nend;
    }
  }
}
