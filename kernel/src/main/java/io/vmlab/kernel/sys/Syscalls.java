package io.vmlab.kernel.sys;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.Exec;
import io.vmlab.kernel.exec.ExecException;
import io.vmlab.kernel.exec.ExecRequest;
import io.vmlab.kernel.exec.ExecResult;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.memory.MemoryManager;
import io.vmlab.kernel.memory.Mmu;
import io.vmlab.kernel.mm.Brk;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.Madvise;
import io.vmlab.kernel.mm.Mlock;
import io.vmlab.kernel.mm.Mmap;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.Mprotect;
import io.vmlab.kernel.mm.Mremap;
import io.vmlab.kernel.mm.Munmap;
import io.vmlab.kernel.mm.RemapFilePages;

/**
 * One process's system calls. Results follow the kernel's convention: a value, or a negated
 * errno (see {@link Errno#isError}).
 */
public final class Syscalls {
  private final Kernel kernel;
  private final MemoryManager memory;
  private final Mmu mmu;

  public Syscalls(Kernel kernel) {
    this.kernel = kernel;
    this.memory = kernel.memoryManager();
    this.mmu = memory.mmu();
  }

  public long mmap(Task t, long addr, long len, int prot, int flags, OpenFile file, long offset) {
    return unwind(t, Mmap.mmap(t, addr, len, prot, flags, file, offset));
  }

  /** The syscall returns to user mode: an OOM kill of the caller taken meanwhile completes now. */
  private long unwind(Task t, long result) {
    kernel.reapIfKilled(t);
    return result;
  }

  public long munmap(Task t, long addr, long len) {
    return Munmap.munmap(t, addr, len);
  }

  public long mprotect(Task t, long addr, long len, int prot) {
    return unwind(t, Mprotect.mprotect(t, addr, len, prot));
  }

  public long mremap(Task t, long addr, long oldLen, long newLen, int flags, long newAddr) {
    return unwind(t, Mremap.mremap(t, addr, oldLen, newLen, flags, newAddr));
  }

  public long brk(Task t, long addr) {
    return unwind(t, Brk.brk(t, addr));
  }

  public long madvise(Task t, long addr, long len, int advice) {
    return unwind(t, Madvise.madvise(t, addr, len, advice));
  }

  public long mlock(Task t, long addr, long len) {
    return unwind(t, Mlock.mlock(t, addr, len));
  }

  public long munlock(Task t, long addr, long len) {
    return Mlock.munlock(t, addr, len);
  }

  /**
   * User-mode accesses of one byte at addr, addr+stride, ... below addr+length: reads, writes of
   * {@code value}, or instruction fetches. Stops at the first signal.
   */
  public AccessOutcome touch(Task t, long addr, long length, Access access, int value, long stride) {
    long pages = 0;
    long end = addr + length;
    for (long a = addr; Long.compareUnsigned(a, end) < 0; a += stride) {
      int r = mmu.access(t, a, access, true);
      if (r != Mmu.OK) {
        return signal(pages, r);
      }
      if (access == Access.WRITE) {
        memory.writeByte(mmu.frame(), (int) (a & 0xfff), value);
      }
      pages++;
      if (a + stride < a) {
        break;
      }
    }
    return AccessOutcome.ok(pages, -1);
  }

  /**
   * One user-mode access to {@code va}: {@link Mmu#OK}, or the outcome code (the signal details
   * are then in {@link #mmu()}). The replay hot path: it allocates nothing.
   */
  public int access(Task t, long va, Access access) {
    return mmu.access(t, va, access, true);
  }

  /** Many user-mode accesses; see {@link Mmu#accessAll}. */
  public int accessAll(Task t, long[] words, int from, int to) {
    return mmu.accessAll(t, words, from, to);
  }

  /** The MMU: TLB, walks and the fault path, with their counters. */
  public Mmu mmu() {
    return mmu;
  }

  /** A user-mode read of one byte: its value, or the signal. */
  public AccessOutcome peek(Task t, long addr) {
    int r = mmu.access(t, addr, Access.READ, true);
    if (r != Mmu.OK) {
      return signal(0, r);
    }
    return AccessOutcome.ok(1, memory.readByte(mmu.frame(), (int) (addr & 0xfff)));
  }

  private AccessOutcome signal(long pages, int r) {
    int sig = switch (r) {
      case Mmu.SIGBUS -> AccessOutcome.SIGBUS;
      case Mmu.OOM -> 9;
      default -> AccessOutcome.SIGSEGV;
    };
    return new AccessOutcome(pages, -1, sig, mmu.siCode(), mmu.faultAddress(), mmu.errorCode(), mmu.trapno());
  }

  /**
   * pread64(fd, addr, length, offset): the kernel copies file bytes into the user buffer
   * (copy_to_user, page by page). Returns the bytes copied, or -EFAULT if not one could be.
   */
  public long pread(Task t, Inode file, long offset, long addr, long length) {
    if (!accessOk(addr, length)) {
      return Errno.EFAULT.neg();
    }
    long avail = Math.max(0, file.size() - offset);
    long n = Math.min(length, avail);
    long done = 0;
    while (done < n) {
      long a = addr + done;
      long chunk = Math.min(n - done, 4096 - (a & 0xfff));
      int r = mmu.access(t, a, Access.WRITE, false);
      if (r != Mmu.OK) {
        break;
      }
      int pfn = mmu.frame();
      for (long i = 0; i < chunk; i++) {
        memory.writeByte(pfn, (int) ((a + i) & 0xfff), memory.fileByte(file, offset + done + i));
      }
      done += chunk;
    }
    return done == 0 && n > 0 ? Errno.EFAULT.neg() : done;
  }

  /**
   * pwrite64(fd, addr, length, offset): the kernel reads the user buffer (copy_from_user) into
   * the file. Returns the bytes written, or -EFAULT if not one could be read.
   */
  public long pwrite(Task t, Inode file, long offset, long addr, long length) {
    if (!accessOk(addr, length)) {
      return Errno.EFAULT.neg();
    }
    long done = 0;
    while (done < length) {
      long a = addr + done;
      long chunk = Math.min(length - done, 4096 - (a & 0xfff));
      int r = mmu.access(t, a, Access.READ, false);
      if (r != Mmu.OK) {
        break;
      }
      int pfn = mmu.frame();
      for (long i = 0; i < chunk; i++) {
        memory.writeFileByte(file, offset + done + i, memory.readByte(pfn, (int) ((a + i) & 0xfff)));
      }
      done += chunk;
    }
    if (done == 0 && length > 0) {
      return Errno.EFAULT.neg();
    }
    return done;
  }

  /** access_ok(): the user buffer lies below TASK_SIZE_MAX (vfs_read/vfs_write check it first). */
  private boolean accessOk(long addr, long length) {
    long max = kernel.arch().taskSizeMax();
    return Long.compareUnsigned(length, max) <= 0 && Long.compareUnsigned(addr, max - length) <= 0;
  }

  /** vmalloc() on behalf of a driver: kernel pages in the vmalloc area; the address or -ENOMEM. */
  public long vmalloc(long bytes) {
    return memory.kernelMappings().vmalloc(bytes);
  }

  /** The outcome of a kernel-mode access: fine, repaired by a vmalloc fault, or an oops. */
  public record KernelAccess(boolean ok, boolean vmallocFault, String oops) {}

  /** A kernel-mode access to {@code addr} in the context of task {@code t} (no exception table entry). */
  public KernelAccess kaccess(Task t, long addr, Access access) {
    long before = mmu.vmallocFaults();
    int r = mmu.kernelAccess(t, addr, access);
    boolean vf = mmu.vmallocFaults() > before;
    return r == Mmu.OK ? new KernelAccess(true, vf, null) : new KernelAccess(false, vf, mmu.oops());
  }

  /** Pins [addr, addr+len) for DMA (FOLL_PIN | FOLL_WRITE | FOLL_LONGTERM); pages pinned or -EFAULT. */
  public long pin(Task t, long addr, long len) {
    long n = unwind(t, memory.pin(t, addr & ~0xfffL, (addr + len + 0xfff) & ~0xfffL));
    return n < 0 ? Errno.EFAULT.neg() : n;
  }

  /** The frame mapped at {@code addr} now, or -1. */
  public int frameAt(Task t, long addr) {
    return memory.frameAt(t, addr);
  }

  /**
   * remap_file_pages(start, size, prot, pgoff, flags) as Linux 4.0+ emulates it: 0 or a negated
   * errno (prot must be 0; the range must lie in shared mappings of one file).
   */
  public long remapFilePages(Task t, long start, long size, long prot, long pgoff, long flags) {
    return RemapFilePages.remapFilePages(t, start, size, prot, pgoff, flags);
  }

  /** execve(): replaces the task's address space with an ELF program; throws {@link ExecException} on failure. */
  public ExecResult execve(Task t, ExecRequest request) {
    return Exec.execve(t, request);
  }

  /** fork(): a child with a copy of the address space, or null (ENOMEM) if memory for it cannot be had. */
  public Task fork(Task parent, boolean legacyCow) {
    // The child's page tables and eager copies come from memory reclaimed up front, so the
    // copy itself never waits on reclaim; without it fork fails with ENOMEM.
    int need = (int) (parent.mm().pageTable().tableBytes() >>> 12) + (int) parent.mm().pinnedVm() + 8;
    if (!memory.reserve(parent, need)) {
      kernel.reapIfKilled(parent);
      return null;
    }
    Task child = kernel.forkTask(parent);
    memory.dupMmap(parent.mm(), child.mm(), legacyCow);
    return child;
  }

  /** exit(): the address space goes; the task is reaped. */
  public void exit(Task t) {
    MmStruct mm = t.mm();
    mm.rss().sync();
    memory.drainLru();
    memory.exitMmap(mm);
    memory.releasePins(t);
    kernel.exitTask(t);
  }
}
