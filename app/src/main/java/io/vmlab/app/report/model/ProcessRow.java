package io.vmlab.app.report.model;

/**
 * One simulated process at the end of a run, for the ps/top-like table.
 *
 * @param pid the process id
 * @param user the owner, {@code root} for every simulated process
 * @param command the command name (top's COMMAND)
 * @param virtBytes the virtual size (VmSize; top's VIRT)
 * @param resBytes the resident size (VmRSS; top's RES)
 * @param shrBytes the shared resident part (RssFile + RssShmem; top's SHR)
 * @param cpuTimeNanos simulated CPU time from the cost model (top's TIME+, ps's TIME)
 * @param minorFaults its minor faults
 * @param majorFaults its major faults
 */
public record ProcessRow(int pid, String user, String command, long virtBytes, long resBytes, long shrBytes,
    long cpuTimeNanos, long minorFaults, long majorFaults) {
  public ProcessRow {
    user = user == null || user.isEmpty() ? "root" : user;
    command = command == null ? "" : command;
  }
}
