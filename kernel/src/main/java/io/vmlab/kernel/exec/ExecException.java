package io.vmlab.kernel.exec;

import io.vmlab.kernel.mm.Errno;

/** execve() failed: the errno it returns, and one line saying why (naming the file). */
public final class ExecException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Errno errno;

  public ExecException(Errno errno, String message) {
    super(message);
    this.errno = errno;
  }

  /** The errno execve() returns (or, past the point of no return, why the process was killed). */
  public Errno errno() {
    return errno;
  }
}
