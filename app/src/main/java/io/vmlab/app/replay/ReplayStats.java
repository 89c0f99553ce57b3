package io.vmlab.app.replay;

/**
 * What one replay did.
 *
 * @param references page references replayed (an access spanning two pages counts twice)
 * @param minorFaults faults of the replaying process served without I/O
 * @param majorFaults faults that read from swap or a file
 * @param regionsMapped VMAs mapped on first touch (0 with a maps file)
 * @param segv references that ended in SIGSEGV/SIGBUS (outside every VMA, or not permitted)
 * @param oomKilled whether the OOM killer ended the process (the replay stops there)
 */
public record ReplayStats(long references, long minorFaults, long majorFaults, long regionsMapped, long segv,
    boolean oomKilled) {
  /** Faults of both kinds. */
  public long faults() {
    return minorFaults + majorFaults;
  }
}
