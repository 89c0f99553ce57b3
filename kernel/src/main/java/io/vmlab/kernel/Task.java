package io.vmlab.kernel;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.mm.MmStruct;

/**
 * A process (struct task_struct, single-threaded): its mm, fault counters, personality, resource
 * limits and credentials.
 */
public final class Task {
  /** personality ADDR_NO_RANDOMIZE. */
  public static final int ADDR_NO_RANDOMIZE = 0x0040000;
  /** personality ADDR_COMPAT_LAYOUT. */
  public static final int ADDR_COMPAT_LAYOUT = 0x0200000;
  /** personality READ_IMPLIES_EXEC. */
  public static final int READ_IMPLIES_EXEC = 0x0400000;

  private final Kernel kernel;
  private final int pid;
  private String comm;
  private MmStruct mm;
  private ProcessAbi abi;
  private long minflt;
  private long majflt;
  private int personality;
  private long rlimitStack;
  private long rlimitData;
  private long rlimitAs;
  private long rlimitMemlock;
  private boolean privileged = true;
  private boolean exited;

  Task(Kernel kernel, int pid, String comm, ProcessAbi abi, MachineSpec.Limits limits) {
    this.kernel = kernel;
    this.pid = pid;
    this.comm = comm;
    this.abi = abi;
    this.rlimitStack = limits.stack();
    this.rlimitData = limits.data();
    this.rlimitAs = limits.as();
    this.rlimitMemlock = limits.memlock();
  }

  public Kernel kernel() {
    return kernel;
  }

  public int pid() {
    return pid;
  }

  public String comm() {
    return comm;
  }

  public void setComm(String comm) {
    this.comm = comm;
  }

  public MmStruct mm() {
    return mm;
  }

  void setMm(MmStruct mm) {
    this.mm = mm;
  }

  public ProcessAbi abi() {
    return abi;
  }

  /** SET_PERSONALITY at exec: the task now runs programs of {@code abi} (64-bit or compat). */
  void setAbi(ProcessAbi abi) {
    this.abi = abi;
  }

  /** Minor faults (task->min_flt). */
  public long minflt() {
    return minflt;
  }

  /** Major faults (task->maj_flt). */
  public long majflt() {
    return majflt;
  }

  /** Counts a fault (mm_account_fault). */
  public void countFault(boolean major) {
    if (major) {
      majflt++;
    } else {
      minflt++;
    }
    kernel.vmEvents().countFault(major);
  }

  public int personality() {
    return personality;
  }

  public void setPersonality(int personality) {
    this.personality = personality;
  }

  /** RLIMIT_STACK (bytes; -1 = unlimited). */
  public long rlimitStack() {
    return rlimitStack;
  }

  /** RLIMIT_DATA (bytes; -1 = unlimited). */
  public long rlimitData() {
    return rlimitData;
  }

  /** RLIMIT_AS (bytes; -1 = unlimited). */
  public long rlimitAs() {
    return rlimitAs;
  }

  /** RLIMIT_MEMLOCK (bytes; -1 = unlimited). */
  public long rlimitMemlock() {
    return rlimitMemlock;
  }

  /** Sets the limits (bytes; -1 = unlimited). */
  public void setLimits(long stack, long data, long as, long memlock) {
    this.rlimitStack = stack;
    this.rlimitData = data;
    this.rlimitAs = as;
    this.rlimitMemlock = memlock;
  }

  /**
   * Whether the task runs as root with every capability (CAP_SYS_RAWIO lets it map below
   * mmap_min_addr, CAP_IPC_LOCK lets it lock past RLIMIT_MEMLOCK). The recorder of the
   * conformance cases ran as root, so this is the default.
   */
  public boolean privileged() {
    return privileged;
  }

  public void setPrivileged(boolean privileged) {
    this.privileged = privileged;
  }

  public boolean exited() {
    return exited;
  }

  private boolean killed;

  /** Whether the OOM killer killed the task. */
  public boolean killed() {
    return killed;
  }

  void markKilled() {
    killed = true;
  }

  void markExited() {
    exited = true;
  }
}
