package io.vmlab.kernel.mm;

/** mmap/mprotect/mremap/madvise constants (include/uapi/asm-generic/mman-common.h, x86 values). */
public final class Mman {
  public static final int PROT_NONE = 0x0;
  public static final int PROT_READ = 0x1;
  public static final int PROT_WRITE = 0x2;
  public static final int PROT_EXEC = 0x4;
  public static final int PROT_GROWSDOWN = 0x01000000;
  public static final int PROT_GROWSUP = 0x02000000;

  public static final int MAP_SHARED = 0x01;
  public static final int MAP_PRIVATE = 0x02;
  public static final int MAP_SHARED_VALIDATE = 0x03;
  /** MAP_DROPPABLE (6.11+): a private anonymous mapping the kernel may drop under pressure. */
  public static final int MAP_DROPPABLE = 0x08;
  public static final int MAP_TYPE = 0x0f;
  public static final int MAP_FIXED = 0x10;
  public static final int MAP_ANONYMOUS = 0x20;
  public static final int MAP_32BIT = 0x40;
  public static final int MAP_GROWSDOWN = 0x100;
  public static final int MAP_DENYWRITE = 0x800;
  public static final int MAP_EXECUTABLE = 0x1000;
  public static final int MAP_LOCKED = 0x2000;
  public static final int MAP_NORESERVE = 0x4000;
  public static final int MAP_POPULATE = 0x8000;
  public static final int MAP_NONBLOCK = 0x10000;
  public static final int MAP_STACK = 0x20000;
  public static final int MAP_HUGETLB = 0x40000;
  public static final int MAP_SYNC = 0x80000;
  public static final int MAP_FIXED_NOREPLACE = 0x100000;
  public static final int MAP_UNINITIALIZED = 0x4000000;
  /** MAP_HUGE_SHIFT: log2 of a MAP_HUGETLB page size sits in flags bits 26..31. */
  public static final int MAP_HUGE_SHIFT = 26;
  public static final int MAP_HUGE_2MB = 21 << MAP_HUGE_SHIFT;
  public static final int MAP_HUGE_1GB = 30 << MAP_HUGE_SHIFT;
  /** LEGACY_MAP_MASK (include/linux/mman.h): the flags MAP_SHARED accepts silently. */
  public static final int LEGACY_MAP_MASK = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS
      | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED
      | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_32BIT
      | MAP_HUGE_2MB | MAP_HUGE_1GB;

  public static final int MREMAP_MAYMOVE = 1;
  public static final int MREMAP_FIXED = 2;
  public static final int MREMAP_DONTUNMAP = 4;

  public static final int MADV_NORMAL = 0;
  public static final int MADV_RANDOM = 1;
  public static final int MADV_SEQUENTIAL = 2;
  public static final int MADV_WILLNEED = 3;
  public static final int MADV_DONTNEED = 4;
  public static final int MADV_FREE = 8;
  public static final int MADV_REMOVE = 9;
  public static final int MADV_DONTFORK = 10;
  public static final int MADV_DOFORK = 11;
  public static final int MADV_MERGEABLE = 12;
  public static final int MADV_UNMERGEABLE = 13;
  public static final int MADV_HUGEPAGE = 14;
  public static final int MADV_NOHUGEPAGE = 15;
  public static final int MADV_DONTDUMP = 16;
  public static final int MADV_DODUMP = 17;
  public static final int MADV_WIPEONFORK = 18;
  public static final int MADV_KEEPONFORK = 19;
  public static final int MADV_COLD = 20;
  public static final int MADV_PAGEOUT = 21;
  public static final int MADV_POPULATE_READ = 22;
  public static final int MADV_POPULATE_WRITE = 23;

  private Mman() {}

  /** calc_vm_prot_bits(). */
  public static long protBits(int prot) {
    long f = 0;
    if ((prot & PROT_READ) != 0) {
      f |= VmFlags.READ;
    }
    if ((prot & PROT_WRITE) != 0) {
      f |= VmFlags.WRITE;
    }
    if ((prot & PROT_EXEC) != 0) {
      f |= VmFlags.EXEC;
    }
    return f;
  }

  /** calc_vm_flag_bits(). */
  public static long flagBits(int flags, io.vmlab.api.KernelVersion version) {
    long f = 0;
    if ((flags & MAP_STACK) != 0 && version.atLeast(6, 7)) {
      f |= VmFlags.NOHUGEPAGE; // 6.7+: stacks get no THP
    }
    if ((flags & MAP_GROWSDOWN) != 0) {
      f |= VmFlags.GROWSDOWN;
    }
    if ((flags & MAP_LOCKED) != 0) {
      f |= VmFlags.LOCKED;
    }
    if ((flags & MAP_SYNC) != 0) {
      f |= VmFlags.SYNC;
    }
    return f;
  }
}
