package io.vmlab.kernel;

/** The machine-wide fault counters of /proc/vmstat (pgfault, pgmajfault), kept across exits. */
public final class VmEvents {
  private long pgfault;
  private long pgmajfault;

  /** A fault of any task: pgfault counts every fault, pgmajfault the major ones. */
  void countFault(boolean major) {
    pgfault++;
    if (major) {
      pgmajfault++;
    }
  }

  /** pgfault: every page fault. */
  public long pgfault() {
    return pgfault;
  }

  /** pgmajfault. */
  public long pgmajfault() {
    return pgmajfault;
  }
}
