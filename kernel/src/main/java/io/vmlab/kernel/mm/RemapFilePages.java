package io.vmlab.kernel.mm;

import io.vmlab.kernel.Task;

/**
 * remap_file_pages(2) as Linux emulates it since 4.0 (mm/mmap.c, 6.1): nonlinear mappings are
 * gone, so the call maps the file again at the requested offset with do_mmap(MAP_FIXED |
 * MAP_SHARED | MAP_POPULATE), which splits the VMA. The file's i_mmap then lists one VMA per
 * piece.
 */
public final class RemapFilePages {
  private RemapFilePages() {}

  /** The system call: 0 or a negated errno. {@code prot} must be 0; only MAP_NONBLOCK of {@code flags} counts. */
  public static long remapFilePages(Task t, long start, long size, long prot, long pgoff, long flags) {
    MmStruct mm = t.mm();
    if (prot != 0) {
      return Errno.EINVAL.neg();
    }
    start &= ~0xfffL;
    size &= ~0xfffL;
    long end = start + size;
    if (Long.compareUnsigned(end, start) <= 0) {
      return Errno.EINVAL.neg();
    }
    if (Long.compareUnsigned(pgoff + (size >>> 12), pgoff) < 0) {
      return Errno.EINVAL.neg();
    }
    Vma vma = mm.vmas.lookup(start);
    if (vma == null || (vma.flags & VmFlags.SHARED) == 0) {
      return Errno.EINVAL.neg();
    }
    if (Long.compareUnsigned(end, vma.end) > 0) {
      // The range may run over adjacent VMAs of the same file with identical flags.
      Vma prev = vma;
      boolean covered = false;
      for (Vma next = vma.next; next != null && Long.compareUnsigned(next.start, end) < 0; next = next.next) {
        if (next.start != prev.end || next.file != vma.file || next.flags != vma.flags) {
          return Errno.EINVAL.neg();
        }
        if (Long.compareUnsigned(end, next.end) <= 0) {
          covered = true;
          break;
        }
        prev = next;
      }
      if (!covered) {
        return Errno.EINVAL.neg();
      }
    }
    int p = ((vma.flags & VmFlags.READ) != 0 ? Mman.PROT_READ : 0)
        | ((vma.flags & VmFlags.WRITE) != 0 ? Mman.PROT_WRITE : 0)
        | ((vma.flags & VmFlags.EXEC) != 0 ? Mman.PROT_EXEC : 0);
    int f = (int) (flags & Mman.MAP_NONBLOCK) | Mman.MAP_SHARED | Mman.MAP_FIXED | Mman.MAP_POPULATE;
    if ((vma.flags & VmFlags.LOCKED) != 0) {
      f |= Mman.MAP_LOCKED;
    }
    long ret = Mmap.doMmap(t, vma.file, start, size, p, f, pgoff);
    if (!Errno.isError(ret) && Mmap.populates(t.mm(), f)) {
      Mmap.populateRange(t, ret, ret + ((size + 0xfff) & ~0xfffL));
    }
    return Errno.isError(ret) ? ret : 0;
  }
}
