package io.vmlab.app.script;

import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.sys.AccessOutcome;
import java.util.List;
import java.util.Map;

/**
 * What one step did. Exactly one of the payload groups is set, by the kind of step: a system
 * call's value or errno; a touch/peek outcome; an observation (maps lines, smaps entries,
 * status/statm values, fault counts); a fork's child.
 */
public final class StepResult {
  /** The operation. */
  public String op;
  /** The id the step defined, if any. */
  public String id;
  /** The resolved arguments, in the case format (hex strings, names). */
  public Map<String, Object> args;
  /** A system call's value (absent on error). */
  public Long value;
  /** A system call's errno name. */
  public String errno;
  /** A touch or peek. */
  public AccessOutcome access;
  /** Faults inside the step, or null for observations. */
  public Long minflt;
  public long majflt;
  public List<String> maps;
  public List<ProcFs.SmapsEntry> smaps;
  public Map<String, Long> status;
  public Map<String, Long> statm;
  /** A minflt observation: faults since the previous one. */
  public Long observedMinflt;
  public long observedMajflt;
  /** A kernel-mode access. */
  public io.vmlab.kernel.sys.Syscalls.KernelAccess kernelAccess;
  /** A pinned-range check: {pages pinned, pages whose frame is still mapped there}. */
  public long[] pinned;
  /** A fork's child steps. */
  public List<StepResult> child;
  /** The child's exit status. */
  public int childExit;
  /** What a registered step kind reports (a replay's counts). */
  public Map<String, Object> extra;
}
