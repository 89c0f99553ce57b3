package io.vmlab.kernel.mm;

/**
 * Linux errno values (include/uapi/asm-generic/errno-base.h). System calls return them negated,
 * as the kernel does: a result in [-4095, -1] is an error.
 */
public enum Errno {
  EPERM(1),
  ENOENT(2),
  ESRCH(3),
  E2BIG(7),
  ENOEXEC(8),
  EINTR(4),
  EBADF(9),
  EAGAIN(11),
  ENOMEM(12),
  EACCES(13),
  EFAULT(14),
  EBUSY(16),
  EEXIST(17),
  ENODEV(19),
  EINVAL(22),
  ETXTBSY(26),
  EFBIG(27),
  ENOSPC(28),
  ERANGE(34),
  ELOOP(40),
  ENOSYS(38),
  EOVERFLOW(75),
  ELIBBAD(80),
  EOPNOTSUPP(95),
  EHWPOISON(133);

  private final int number;

  Errno(int number) {
    this.number = number;
  }

  /** The errno number. */
  public int number() {
    return number;
  }

  /** The negated number, as a system call returns it. */
  public long neg() {
    return -number;
  }

  /** IS_ERR_VALUE(): whether a system call result is an error. */
  public static boolean isError(long result) {
    return Long.compareUnsigned(result, -4095L) >= 0;
  }

  /** The errno a result carries. */
  public static Errno of(long result) {
    int n = (int) -result;
    for (Errno e : values()) {
      if (e.number == n) {
        return e;
      }
    }
    throw new IllegalArgumentException("not an errno: " + result);
  }
}
