package io.vmlab.kernel.exec;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.StackGrowth;

/**
 * The argument pages of fs/exec.c (6.1): bprm_stack_limits(), __bprm_mm_init(), copy_strings()
 * and setup_arg_pages(). Linux copies the strings at STACK_TOP_MAX and then shifts the VMA down
 * to the (randomized) stack top; the shift is a multiple of the page size, so vmlab builds the
 * VMA at its final place at once.
 */
final class ArgPages {
  /** setup_arg_pages(): stack_expand, the room added below the argument pages. */
  static final long STACK_EXPAND = 128L << 10;
  /** _STK_LIM. */
  private static final long STK_LIM = 8L << 20;
  /** ARG_MAX: 32 pages of strings are always allowed. */
  private static final long ARG_MAX = 32 * 4096;
  /** MAX_ARG_STRLEN: the longest single string. */
  private static final long MAX_ARG_STRLEN = 32 * 4096;

  private ArgPages() {}

  /**
   * bprm_stack_limits() with the E2BIG checks copy_strings() makes string by string: done before
   * the old address space is dropped, as Linux copies the strings before exec_mmap(). Sets
   * nothing; returns the byte budget for strings.
   */
  static long checkLimits(Binprm b, long rlimitStack, String file) {
    long rlim = rlimitStack < 0 ? Long.MAX_VALUE : rlimitStack;
    long limit = Math.min(STK_LIM / 4 * 3, rlim / 4);
    limit = Math.max(limit, ARG_MAX);
    long ptrSize = (long) (b.argc() + b.envc()) * b.kernelPointerBytes;
    if (limit <= ptrSize) {
      throw new ExecException(Errno.E2BIG, file + ": argument list too long: " + (b.argc() + b.envc()) + " pointers");
    }
    limit -= ptrSize;
    for (byte[] s : b.argv) {
      tooLong(s, file);
    }
    for (byte[] s : b.envp) {
      tooLong(s, file);
    }
    tooLong(b.filename, file);
    if (b.stringBytes() > limit) {
      throw new ExecException(Errno.E2BIG, file + ": argument list too long: " + b.stringBytes()
          + " bytes of strings, the stack limit allows " + limit);
    }
    return limit;
  }

  private static void tooLong(byte[] s, String file) {
    if (s.length > MAX_ARG_STRLEN) {
      throw new ExecException(Errno.E2BIG, file + ": an argument of " + (s.length - 1) + " bytes is longer than MAX_ARG_STRLEN");
    }
  }

  /** __bprm_mm_init(): the stack VMA, one page below {@code stackTop}, with its final flags. */
  static void mmInit(Task t, Binprm b, long stackTop, long vmFlags, long budget) {
    Kernel k = t.kernel();
    MmStruct mm = t.mm();
    long start = stackTop - 4096;
    b.vma = k.vmaOps().install(mm, start, stackTop, vmFlags, start >>> 12, null, null);
    // insert_vm_struct() charges a VM_ACCOUNT VMA.
    k.overcommit().charge(k, mm, 1, t.privileged());
    b.p = stackTop - b.kernelPointerBytes;
    b.argmin = b.p - budget;
  }

  /** copy_string_kernel(filename), then copy_strings() of envp and argv: top-down, last string first. */
  static void copyStrings(Task t, Binprm b, UserAccess ua) {
    b.exec = copy(b, ua, b.filename);
    for (int i = b.envc() - 1; i >= 0; i--) {
      copy(b, ua, b.envp.get(i));
    }
    for (int i = b.argc() - 1; i >= 0; i--) {
      copy(b, ua, b.argv.get(i));
    }
  }

  private static long copy(Binprm b, UserAccess ua, byte[] s) {
    b.p -= s.length;
    if (ua.copyToUser(b.p, s, 0, s.length) != 0) {
      throw new ExecException(Errno.EFAULT, "cannot write the argument strings at 0x" + Long.toHexString(b.p));
    }
    return b.p;
  }

  /**
   * setup_arg_pages() after the shift: mm->arg_start and start_stack are bprm->p, and the VMA is
   * expanded down by 128 KiB (or to the stack rlimit, if that is smaller).
   */
  static void setupArgPages(Task t, Binprm b) {
    MmStruct mm = t.mm();
    long stackSize = b.vma.end() - b.vma.start();
    long rlim = t.rlimitStack() < 0 ? -4096L : t.rlimitStack() & ~0xfffL;
    long stackBase;
    if (Long.compareUnsigned(stackSize + STACK_EXPAND, rlim) > 0) {
      stackBase = b.vma.end() - rlim;
    } else {
      stackBase = b.vma.start() - STACK_EXPAND;
    }
    mm.setStack(b.p, b.p, b.p, b.p, b.p);
    if (Long.compareUnsigned(stackBase, b.vma.start()) < 0 && !StackGrowth.expandDownwards(t, b.vma, stackBase)) {
      throw new ExecException(Errno.EFAULT, "cannot expand the stack to 0x" + Long.toHexString(stackBase));
    }
  }
}
