package io.vmlab.api.arch;

/**
 * The vdso and the data pages mapped in front of it (arch/x86/entry/vdso).
 *
 * @param vvarPages pages of {@code [vvar]} (4)
 * @param vclockPages pages of {@code [vvar_vclock]} (0 before 6.13, then 2)
 * @param vdsoPages pages of {@code [vdso]}
 * @param sysinfoOffset offset of {@code __kernel_vsyscall} (AT_SYSINFO), or -1 if the ABI has none
 * @param nearStack whether exec hints the vdso just above the stack (x86-64 on 6.1:
 *     vdso_addr()), rather than placing it top-down in the mmap area
 */
public record VdsoImage(int vvarPages, int vclockPages, int vdsoPages, long sysinfoOffset, boolean nearStack) {
  /** Pages of the whole special mapping (vvar + vclock + vdso). */
  public int totalPages() {
    return vvarPages + vclockPages + vdsoPages;
  }
}
