package io.vmlab.kernel.sys;

/**
 * The result of a touch or peek: how many accesses completed, the byte read (peek), and for a
 * signal its number, si_code, si_addr, x86 error code and trap number.
 *
 * @param pages accesses completed before the one that faulted (or all of them)
 * @param value the byte a peek read, or -1
 * @param signal 0, 11 (SIGSEGV) or 7 (SIGBUS)
 */
public record AccessOutcome(long pages, int value, int signal, int siCode, long faultAddress, int errorCode, int trapno) {
  public static final int SIGSEGV = 11;
  public static final int SIGBUS = 7;

  /** Completed without a signal. */
  public static AccessOutcome ok(long pages, int value) {
    return new AccessOutcome(pages, value, 0, 0, 0, 0, 0);
  }

  /** Whether a signal stopped it. */
  public boolean signalled() {
    return signal != 0;
  }
}
