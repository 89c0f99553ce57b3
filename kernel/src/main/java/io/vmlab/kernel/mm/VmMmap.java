package io.vmlab.kernel.mm;

import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.OpenFile;

/**
 * The mapping calls the kernel makes on a task's behalf (exec's binfmt_elf): vm_mmap() of
 * mm/util.c, vm_munmap() and vm_brk_flags() of mm/mmap.c (6.1). Results follow the syscall
 * convention: an address or 0, or a negated errno.
 */
public final class VmMmap {
  private VmMmap() {}

  /**
   * vm_mmap(): do_mmap() of {@code file} at byte {@code offset} (page aligned), then mm_populate()
   * if the mapping asks for it. {@code flags} may hold MAP_FIXED or MAP_FIXED_NOREPLACE.
   */
  public static long vmMmap(Task t, OpenFile file, long addr, long len, int prot, int flags, long offset) {
    long aligned = (len + 0xfff) & ~0xfffL;
    if (Long.compareUnsigned(offset + aligned, offset) < 0 || (offset & 0xfff) != 0) {
      return Errno.EINVAL.neg();
    }
    long r = Mmap.doMmap(t, file, addr, len, prot, flags, offset >>> 12);
    if (!Errno.isError(r) && Mmap.populates(t.mm(), flags)) {
      Mmap.populateRange(t, r, r + aligned);
    }
    return r;
  }

  /** vm_munmap(). */
  public static long vmMunmap(Task t, long start, long len) {
    return Munmap.doMunmap(t, start, len);
  }

  /**
   * vm_brk_flags(): an anonymous data mapping at {@code addr} for {@code request} bytes (page
   * aligned up), replacing what is there; {@code flags} may only be {@link VmFlags#EXEC}. Used
   * for a segment's bss.
   */
  public static long vmBrkFlags(Task t, long addr, long request, long flags) {
    MmStruct mm = t.mm();
    long len = (request + 0xfff) & ~0xfffL;
    if (Long.compareUnsigned(len, request) < 0) {
      return Errno.ENOMEM.neg();
    }
    if (len == 0) {
      return 0;
    }
    if ((flags & ~VmFlags.EXEC) != 0) {
      return Errno.EINVAL.neg();
    }
    long ret = Brk.checkLimits(t, addr, len);
    if (Errno.isError(ret)) {
      return ret;
    }
    if (mm.vmas.intersection(addr, addr + len) != null) {
      ret = Munmap.doMunmap(t, addr, len);
      if (ret != 0) {
        return ret;
      }
    }
    Vma next = mm.vmas.find(addr);
    Vma vma = next != null ? next.prev : mm.vmas.last();
    // 6.1 checks the merge with the bare flags (VM_EXEC or 0), so a bss never extends a VMA.
    if (vma == null || vma.end != addr
        || !t.kernel().vmaOps().canMergeAfter(vma, flags, null, null, addr >>> 12, null)) {
      vma = null;
    }
    ret = Brk.doBrkFlags(t, vma, addr, len, flags);
    if (ret == 0 && (mm.defFlags & VmFlags.LOCKED) != 0) {
      Mmap.populateRange(t, addr, addr + len);
    }
    return ret;
  }
}
