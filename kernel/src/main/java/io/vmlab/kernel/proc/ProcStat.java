package io.vmlab.kernel.proc;

import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.MmStruct;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /proc/PID/stat (fs/proc/array.c do_task_stat, 6.1): the memory fields vmlab models (faults,
 * vsize, rss, and the mm's code, data, stack, brk, argument and environment bounds). Scheduler
 * and signal fields print as a stopped, single-threaded task's would, zeros where vmlab has no
 * value.
 */
public final class ProcStat {
  private ProcStat() {}

  /** The modelled fields by the names proc(5) gives them; addresses and sizes as numbers. */
  public static Map<String, Long> fields(Task t) {
    MmStruct mm = t.mm();
    Map<String, Long> f = new LinkedHashMap<>();
    f.put("minflt", t.minflt());
    f.put("majflt", t.majflt());
    f.put("vsize", mm.totalVm() << 12);
    f.put("rss", mm.rss().rss());
    f.put("start_code", mm.startCode());
    f.put("end_code", mm.endCode());
    f.put("start_stack", mm.startStack());
    f.put("start_data", mm.startData());
    f.put("end_data", mm.endData());
    f.put("start_brk", mm.startBrk());
    f.put("arg_start", mm.argStart());
    f.put("arg_end", mm.argEnd());
    f.put("env_start", mm.envStart());
    f.put("env_end", mm.envEnd());
    return f;
  }

  /** The whole line, 52 fields, as Linux prints it (decimal). */
  public static String line(Task t) {
    Map<String, Long> f = fields(t);
    StringBuilder sb = new StringBuilder();
    sb.append(t.pid()).append(" (").append(t.comm()).append(") t");
    // ppid pgrp session tty_nr tpgid flags
    sb.append(" 0 ").append(t.pid()).append(' ').append(t.pid()).append(" 0 -1 0");
    sb.append(' ').append(u(f.get("minflt"))).append(" 0 ").append(u(f.get("majflt"))).append(" 0");
    // utime stime cutime cstime priority nice num_threads itrealvalue starttime
    sb.append(" 0 0 0 0 20 0 1 0 0");
    sb.append(' ').append(u(f.get("vsize"))).append(' ').append(u(f.get("rss")));
    sb.append(' ').append(Long.toUnsignedString(-1L));
    sb.append(' ').append(u(f.get("start_code"))).append(' ').append(u(f.get("end_code")));
    sb.append(' ').append(u(f.get("start_stack")));
    // kstkesp kstkeip signal blocked sigignore sigcatch wchan nswap cnswap exit_signal processor
    // rt_priority policy delayacct_blkio_ticks guest_time cguest_time
    sb.append(" 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");
    for (String k : new String[] {"start_data", "end_data", "start_brk", "arg_start", "arg_end", "env_start", "env_end"}) {
      sb.append(' ').append(u(f.get(k)));
    }
    return sb.append(" 0\n").toString();
  }

  private static String u(long v) {
    return Long.toUnsignedString(v);
  }
}
