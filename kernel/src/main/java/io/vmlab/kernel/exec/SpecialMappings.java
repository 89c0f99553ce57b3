package io.vmlab.kernel.exec;

import io.vmlab.api.arch.VdsoImage;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.Mmap;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.VmFlags;

/**
 * The vDSO and its data pages (arch/x86/entry/vdso/vma.c): [vvar] (and [vvar_vclock] from 6.13)
 * in front of [vdso], placed as one range by get_unmapped_area() with a hint or top-down.
 */
public final class SpecialMappings {
  /** [vvar]: readable PFN map, never dumped, never expanded. */
  static final long VVAR_FLAGS = VmFlags.READ | VmFlags.MAYREAD | VmFlags.IO | VmFlags.DONTDUMP
      | VmFlags.PFNMAP | VmFlags.DONTEXPAND | VmFlags.SOFTDIRTY;
  /** [vdso]: executable text (_install_special_mapping adds DONTEXPAND and SOFTDIRTY). */
  static final long VDSO_FLAGS = VmFlags.READ | VmFlags.EXEC | VmFlags.MAYREAD | VmFlags.MAYWRITE
      | VmFlags.MAYEXEC | VmFlags.DONTEXPAND | VmFlags.SOFTDIRTY;

  /** PMD_SIZE: vdso_addr() rounds the window's end up to it. */
  private static final long PMD_SIZE = 2L << 20;

  private SpecialMappings() {}

  /**
   * vdso_addr() of 6.1 x86-64: a page-aligned hint within the 2 MiB region above the stack
   * pointer. Without stack randomization the stack ends at the map window, the hint is the
   * window's end, and get_unmapped_area() rejects it (the vdso then goes top-down).
   *
   * @param random the random draw that picks the page (get_random_u32_below)
   */
  public static long vdsoAddr(long startStack, long len, long random, long window) {
    long start = (startStack + 0xfff) & ~0xfffL;
    long end = (start + len + PMD_SIZE - 1) & ~(PMD_SIZE - 1);
    if (Long.compareUnsigned(end, window) >= 0) {
      end = window;
    }
    end -= len;
    if (Long.compareUnsigned(end, start) > 0) {
      long n = ((end - start) >>> 12) + 1;
      return start + (Long.remainderUnsigned(random, n) << 12);
    }
    return start;
  }

  /**
   * map_vdso(): installs [vvar], [vvar_vclock] and [vdso] at {@code hint} if free, else where
   * get_unmapped_area() puts them. Returns the start of [vdso] (AT_SYSINFO_EHDR).
   */
  public static long mapVdso(Task t, long hint) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    VdsoImage img = t.abi().vdso(k.version());
    long len = (long) img.totalPages() << 12;
    long addr = Mmap.getUnmappedArea(t, null, hint, len, 0, 0);
    if (Errno.isError(addr)) {
      throw new IllegalStateException("no room for the vdso: " + Errno.of(addr));
    }
    long def = mm.defFlags() & ~VmFlags.LOCKED_MASK;
    long a = addr;
    k.vmaOps().install(mm, a, a + ((long) img.vvarPages() << 12), VVAR_FLAGS | def, 0, null, "[vvar]");
    a += (long) img.vvarPages() << 12;
    if (img.vclockPages() > 0) {
      k.vmaOps().install(mm, a, a + ((long) img.vclockPages() << 12), VVAR_FLAGS | def, 0, null, "[vvar_vclock]");
      a += (long) img.vclockPages() << 12;
    }
    k.vmaOps().install(mm, a, a + ((long) img.vdsoPages() << 12), VDSO_FLAGS | def, 0, null, "[vdso]");
    return a;
  }
}
