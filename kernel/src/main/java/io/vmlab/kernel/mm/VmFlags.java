package io.vmlab.kernel.mm;

/** VM_* flags of a VMA (include/linux/mm.h, 6.1) and the two-letter codes smaps prints. */
public final class VmFlags {
  public static final long READ = 0x1;
  public static final long WRITE = 0x2;
  public static final long EXEC = 0x4;
  public static final long SHARED = 0x8;
  public static final long MAYREAD = 0x10;
  public static final long MAYWRITE = 0x20;
  public static final long MAYEXEC = 0x40;
  public static final long MAYSHARE = 0x80;
  public static final long GROWSDOWN = 0x100;
  public static final long UFFD_MISSING = 0x200;
  public static final long PFNMAP = 0x400;
  public static final long UFFD_WP = 0x1000;
  public static final long LOCKED = 0x2000;
  public static final long IO = 0x4000;
  public static final long SEQ_READ = 0x8000;
  public static final long RAND_READ = 0x10000;
  public static final long DONTCOPY = 0x20000;
  public static final long DONTEXPAND = 0x40000;
  public static final long LOCKONFAULT = 0x80000;
  public static final long ACCOUNT = 0x100000;
  public static final long NORESERVE = 0x200000;
  public static final long HUGETLB = 0x400000;
  public static final long SYNC = 0x800000;
  public static final long PAT = 0x1000000;
  public static final long WIPEONFORK = 0x2000000;
  public static final long DONTDUMP = 0x4000000;
  public static final long SOFTDIRTY = 0x8000000;
  public static final long MIXEDMAP = 0x10000000;
  public static final long HUGEPAGE = 0x20000000;
  public static final long NOHUGEPAGE = 0x40000000;
  public static final long MERGEABLE = 0x80000000L;
  /** VM_DROPPABLE (VM_HIGH_ARCH_4 on 64-bit kernels, 6.11+). */
  public static final long DROPPABLE = 1L << 36;

  /** VM_STACK on x86 (grows down). */
  public static final long STACK = GROWSDOWN;
  /** VM_SPECIAL: never merged, never expanded by mremap. */
  public static final long SPECIAL = IO | DONTEXPAND | PFNMAP | MIXEDMAP;
  /** VM_LOCKED_MASK. */
  public static final long LOCKED_MASK = LOCKED | LOCKONFAULT;
  /** VM_DATA_DEFAULT_FLAGS on x86: VM_DATA_FLAGS_TSK_EXEC without exec = rw + may*. */
  public static final long DATA_DEFAULT = READ | WRITE | MAYREAD | MAYWRITE | MAYEXEC;
  /** VM_STACK_FLAGS. */
  public static final long STACK_FLAGS = GROWSDOWN | DATA_DEFAULT | ACCOUNT;

  private static final long[] CODE_BITS = {
    READ, WRITE, EXEC, SHARED, MAYREAD, MAYWRITE, MAYEXEC, MAYSHARE, GROWSDOWN, UFFD_MISSING,
    PFNMAP, UFFD_WP, LOCKED, IO, SEQ_READ, RAND_READ, DONTCOPY, DONTEXPAND, LOCKONFAULT, ACCOUNT,
    NORESERVE, HUGETLB, SYNC, PAT, WIPEONFORK, DONTDUMP, SOFTDIRTY, MIXEDMAP, HUGEPAGE, NOHUGEPAGE,
    MERGEABLE, DROPPABLE
  };
  private static final String[] CODES = {
    "rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "um",
    "pf", "uw", "lo", "io", "sr", "rr", "dc", "de", "lf", "ac",
    "nr", "ht", "sf", "ar", "wf", "dd", "sd", "mm", "hg", "nh",
    "mg", "dp"
  };

  private VmFlags() {}

  /**
   * show_smap_vma_flags(): the VmFlags line's codes, each followed by a space. {@code lf} is
   * printed only from 6.4 on, {@code sd} only when the kernel has soft-dirty tracking.
   */
  public static String codes(long flags, boolean lockOnFaultCode, boolean softDirty) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < CODE_BITS.length; i++) {
      long bit = CODE_BITS[i];
      if ((flags & bit) == 0) {
        continue;
      }
      if ((bit == LOCKONFAULT && !lockOnFaultCode) || (bit == SOFTDIRTY && !softDirty)) {
        continue;
      }
      sb.append(CODES[i]).append(' ');
    }
    return sb.toString();
  }

  /** Parses codes back into flags (for seeding a process from recorded smaps). */
  public static long parse(String codes) {
    long flags = 0;
    for (String c : codes.trim().split("\\s+")) {
      for (int i = 0; i < CODES.length; i++) {
        if (CODES[i].equals(c)) {
          flags |= CODE_BITS[i];
        }
      }
    }
    return flags;
  }

  /** The rwxp/s permission string of /proc/PID/maps. */
  public static String perms(long flags) {
    char[] p = {
      (flags & READ) != 0 ? 'r' : '-',
      (flags & WRITE) != 0 ? 'w' : '-',
      (flags & EXEC) != 0 ? 'x' : '-',
      (flags & MAYSHARE) != 0 ? 's' : 'p'
    };
    return new String(p);
  }
}
