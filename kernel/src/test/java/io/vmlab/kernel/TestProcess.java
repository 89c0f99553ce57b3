package io.vmlab.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.sys.AccessOutcome;
import io.vmlab.kernel.sys.Syscalls;
import java.util.ArrayList;
import java.util.List;

/** A minimal process and its system calls, with short names for tests. */
public final class TestProcess {
  public static final long PAGE = 4096;
  public static final int ANON = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS;
  public static final int FIXED = ANON | Mman.MAP_FIXED;
  public static final int R = Mman.PROT_READ;
  public static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;
  public static final int RX = Mman.PROT_READ | Mman.PROT_EXEC;

  public final Kernel kernel;
  public final Task task;
  public final Syscalls sys;

  private TestProcess(Kernel kernel, Task task) {
    this.kernel = kernel;
    this.task = task;
    this.sys = new Syscalls(kernel);
  }

  /** A minimal native process on {@code k}. */
  public static TestProcess on(Kernel k) {
    return new TestProcess(k, TestKernels.process(k));
  }

  /** A minimal process of ABI {@code abi} on {@code k}. */
  public static TestProcess on(Kernel k, String abi) {
    return new TestProcess(k, TestKernels.process(k, abi));
  }

  /** A minimal process on a default kernel of {@code mode}. */
  public static TestProcess on(TestKernels.Mode mode) {
    return on(TestKernels.kernel(mode));
  }

  /** The same kernel's view of another task (a fork child). */
  public TestProcess fork() {
    return new TestProcess(kernel, sys.fork(task, false));
  }

  public long mmap(long addr, long len, int prot, int flags) {
    return sys.mmap(task, addr, len, prot, flags, null, 0);
  }

  public long mmap(long addr, long len, int prot, int flags, OpenFile file, long offset) {
    return sys.mmap(task, addr, len, prot, flags, file, offset);
  }

  /** An anonymous private mapping at exactly {@code addr}. */
  public long fixed(long addr, long pages, int prot) {
    return mmap(addr, pages * PAGE, prot, FIXED);
  }

  public long munmap(long addr, long len) {
    return sys.munmap(task, addr, len);
  }

  public long mprotect(long addr, long len, int prot) {
    return sys.mprotect(task, addr, len, prot);
  }

  public long mremap(long addr, long oldLen, long newLen, int flags, long newAddr) {
    return sys.mremap(task, addr, oldLen, newLen, flags, newAddr);
  }

  public long brk(long addr) {
    return sys.brk(task, addr);
  }

  public long madvise(long addr, long len, int advice) {
    return sys.madvise(task, addr, len, advice);
  }

  /** Writes {@code value} to the first byte of each page of [addr, addr+len); must not fault. */
  public void write(long addr, long len, int value) {
    AccessOutcome o = sys.touch(task, addr, len, Access.WRITE, value, PAGE);
    assertFalse(o.signalled(), () -> "write at 0x" + Long.toHexString(addr) + ": " + o + "\n" + maps());
  }

  /** The byte at {@code addr}, or -1 if the read faults. */
  public int read(long addr) {
    AccessOutcome o = sys.peek(task, addr);
    return o.signalled() ? -1 : o.value();
  }

  /** The VMAs in address order. */
  public List<Vma> vmas() {
    List<Vma> out = new ArrayList<>();
    for (Vma v = task.mm().vmas().first(); v != null; v = v.next()) {
      out.add(v);
    }
    return out;
  }

  /** The VMAs intersecting [start, end) as "start-end perms" strings. */
  public List<String> ranges(long start, long end) {
    List<String> out = new ArrayList<>();
    for (Vma v = task.mm().vmas().find(start); v != null && v.start() < end; v = v.next()) {
      out.add(v.toString());
    }
    return out;
  }

  /** The VMA containing {@code addr}, or null. */
  public Vma vma(long addr) {
    return task.mm().vmas().lookup(addr);
  }

  /** /proc/PID/maps, for failure messages. */
  public String maps() {
    return new ProcFs(kernel).mapsText(task);
  }

  /** "start-end perms" of a range, as {@link Vma#toString()} prints it. */
  public static String range(long start, long end, String perms) {
    return Long.toHexString(start) + "-" + Long.toHexString(end) + " " + perms;
  }

  /** The errno of a failed call, for messages. */
  public static String describe(long result) {
    return Errno.isError(result) ? Errno.of(result).name() : "0x" + Long.toHexString(result);
  }
}
