package io.vmlab.app.experiment;

import io.vmlab.app.UserError;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.experiment.ExperimentSpec.ProcessSpec;
import io.vmlab.app.replay.ReplayRun;
import io.vmlab.app.replay.ReplayStats;
import io.vmlab.app.report.model.AddressSpaceSnapshot;
import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.Metrics;
import io.vmlab.app.report.model.ProcessRow;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.VmaRow;
import io.vmlab.app.script.Expressions;
import io.vmlab.app.script.ForkHooks;
import io.vmlab.app.script.ScenarioArgs;
import io.vmlab.app.script.StepError;
import io.vmlab.app.script.StepResult;
import io.vmlab.app.script.StepRunner;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.memory.MemoryManager;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.swap.SwapSpace;
import io.vmlab.kernel.sys.Syscalls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * One run of an experiment: a fresh kernel for the point's machine, its processes run one after
 * another (each to its last step; a process that does not {@code exit} stays, holding its
 * memory), then the machine's counters as metrics, the processes' rows and their address spaces.
 */
final class RunExecutor {
  private final ExperimentSpec spec;
  private final KernelFactory kernels;
  private final CostModel cost;
  /** Failed steps noted per process at most (a loop of failures would drown the output). */
  private static final int MAX_FAILURE_NOTES = 3;

  RunExecutor(ExperimentSpec spec, KernelFactory kernels) {
    this.spec = spec;
    this.kernels = kernels;
    this.cost = spec.cost();
  }

  /** Runs {@code point} on {@code machine} (already bound with the point's values). */
  RunResult run(RunPoint point, MachineSpec machine, LongConsumer progress, Consumer<String> note) {
    try {
      RunResult r = runPoint(point, machine, progress, note);
      return r;
    } catch (UnsupportedOperationException e) {
      // A policy asked for what this run cannot give (OPT's future outside a trace replay).
      throw new UserError(spec.display() + ": run " + point.index() + " (" + label(point) + "): " + e.getMessage());
    }
  }

  private static String label(RunPoint p) {
    StringBuilder sb = new StringBuilder(p.machine() == null ? "" : p.machine().label());
    p.params().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  private RunResult runPoint(RunPoint point, MachineSpec machine, LongConsumer progress, Consumer<String> note) {
    MachineSpec ms = machine.withSeed(point.seed());
    Kernel kernel = kernels.create(ms);
    if (point.frames() > 0) {
      kernel.memoryManager().enablePolicyStudy(point.frames(), point.seed());
    }
    Syscalls sys = new Syscalls(kernel);
    ProcFs proc = new ProcFs(kernel);
    Map<Integer, long[]> refsByPid = new LinkedHashMap<>();
    long[] retries = new long[1];
    List<AddressSpaceSnapshot> snapshots = new ArrayList<>();
    List<ProcessRow> rows = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    int n = 0;
    for (ProcessSpec p : spec.processes()) {
      Task t = start(kernel, p, point.seed() + n++);
      tasks.add(t);
      runSteps(kernel, sys, proc, Vars.apply(p, point.vars(), spec.display()), t, refsByPid, retries, snapshots,
          progress, line -> note.accept("run " + point.index() + " (" + label(point) + "): " + line));
      if (t.exited()) {
        rows.add(row(t, null, refsByPid));
      }
    }
    for (Task t : tasks) {
      if (!t.exited()) {
        // A process whose steps took snapshots ('maps') has what its author wanted to see.
        if (snapshots.stream().noneMatch(x -> x.pid() == t.pid())) {
          snapshots.add(snapshot(proc, t, "end"));
        }
        rows.add(row(t, t.mm(), refsByPid));
      }
    }
    for (var kill : kernel.memoryManager().oomKills()) {
      note.accept("run " + point.index() + " (" + label(point) + "): " + kill.report());
    }
    Metrics metrics = cost.withTimes(metrics(kernel, tasks, point.frames() > 0, retries[0]));
    long memory = point.frames() > 0 ? (long) point.frames() << 12 : ms.memoryBytes();
    return new RunResult(point.index(), point.params(), ms.name(), ms.arch(), ms.paging(),
        ms.policies().replacement(), memory, metrics, rows, snapshots);
  }

  private Task start(Kernel kernel, ProcessSpec p, long seed) {
    var abi = p.abi() == null ? null : kernel.arch().abi(p.abi()).orElseThrow(() -> new UserError(spec.display()
        + ": process " + p.name() + ": abi " + p.abi() + ": this machine runs " + String.join(", ",
            kernel.arch().abis().stream().map(a -> a.name()).toList()) + " processes"));
    return p.start().equals("empty") ? ProcessFactory.empty(kernel, abi, p.name(), seed)
        : ProcessFactory.minimal(kernel, abi, p.name(), seed);
  }

  private void runSteps(Kernel kernel, Syscalls sys, ProcFs proc, ProcessSpec p, Task t,
      Map<Integer, long[]> refsByPid, long[] retries, List<AddressSpaceSnapshot> snapshots, LongConsumer progress,
      Consumer<String> note) {
    Map<String, Inode> files = new LinkedHashMap<>();
    long ino = 100;
    for (Map<String, Object> f : p.files()) {
      String id = String.valueOf(f.get("id"));
      long size = Expressions.eval(String.valueOf(f.getOrDefault("size", "0")), Map.of(), 8);
      int fill = (int) Expressions.eval(String.valueOf(f.getOrDefault("fill", "0x61")), Map.of(), 8);
      try {
        files.put(id, kernel.createCachedFile("/data/" + id, 0, 0x20, ino++, size, fill, true));
      } catch (IllegalStateException e) {
        // tmpfs pages cannot be evicted here: a file larger than memory (or the study's frames) cannot exist.
        throw new UserError(spec.display() + ": process " + p.name() + ": file '" + id + "' (" + size
            + " bytes) does not fit in this machine's memory" + (kernel.memoryManager().policyStudy()
                ? " (policy study: files count against the frames)" : ""));
      }
    }
    StepRunner runner = new StepRunner(kernel, files, ForkHooks.NONE);
    runner.setProgramDirectory(spec.file().toAbsolutePath().getParent());
    runner.register("replay", (task, a, r) -> {
      ReplayRun run = new ReplayRun(openTrace(relative(a.text("trace", null), "trace")),
          a.has("maps") ? relative(a.text("maps", null), "maps") : null, a.number("limit", Long.MAX_VALUE));
      ReplayStats s = run.run(kernel, sys, task, progress);
      refsByPid.computeIfAbsent(task.pid(), k -> new long[1])[0] += s.references();
      retries[0] += s.regionsMapped();
      r.extra = new LinkedHashMap<>();
      r.extra.put("references", s.references());
      r.extra.put("faults", s.faults());
      r.extra.put("segv", s.segv());
    });
    int failures = 0;
    ScenarioArgs args = new ScenarioArgs(t.mm().brk(), t.abi().wordBytes());
    for (Map<String, Object> step : p.steps()) {
      String op = (String) step.get("op");
      if (op.equals("exit")) {
        sys.exit(t);
        return;
      }
      try {
        StepResult r = runner.run(t, step, args);
        if (r.access != null) {
          refsByPid.computeIfAbsent(t.pid(), k -> new long[1])[0] += r.access.pages();
        }
        // A failed call or a signal is a result, not an error; said once so a run is not misread.
        String failed = r.errno != null ? "failed with " + r.errno
            : r.access != null && r.access.signal() != 0 ? "got signal " + r.access.signal() + " at 0x"
                + Long.toHexString(r.access.faultAddress()) : null;
        if (failed != null && failures++ < MAX_FAILURE_NOTES) {
          note.accept(spec.display() + ":" + step.get("line") + ": process " + p.name() + ": " + op + " " + failed);
        }
        if (op.equals("maps")) {
          snapshots.add(snapshot(proc, t, "line " + step.get("line")));
        }
      } catch (StepError e) {
        // Some step errors already start with their op ("touch: mode must be ...").
        String m = e.getMessage().startsWith(op + ": ") ? e.getMessage() : op + ": " + e.getMessage();
        throw new UserError(spec.display() + ":" + step.get("line") + ":1: " + m);
      }
      if (t.exited()) {
        return;
      }
    }
  }

  /** The trace of a replay step; a missing or unreadable one is an error at the step's line. */
  private static TraceSource openTrace(Path file) {
    try {
      return TraceSource.open(file);
    } catch (UserError e) {
      throw new StepError(e.getMessage());
    }
  }

  private Path relative(String file, String what) {
    if (file == null) {
      throw new StepError("replay needs '" + what + ": FILE'");
    }
    Path p = Path.of(file);
    return p.isAbsolute() ? p : spec.file().toAbsolutePath().getParent().resolve(p).normalize();
  }

  private static AddressSpaceSnapshot snapshot(ProcFs proc, Task t, String label) {
    List<VmaRow> vmas = new ArrayList<>();
    for (String line : proc.maps(t)) {
      String[] f = line.split("\\s+", 6);
      int dash = f[0].indexOf('-');
      vmas.add(new VmaRow(Long.parseUnsignedLong(f[0].substring(0, dash), 16),
          Long.parseUnsignedLong(f[0].substring(dash + 1), 16), f[1], f.length == 6 ? f[5].trim() : ""));
    }
    return new AddressSpaceSnapshot(t.pid(), t.comm(), label, t.abi().taskSize(), vmas);
  }

  private ProcessRow row(Task t, MmStruct mm, Map<Integer, long[]> refsByPid) {
    long refs = refsByPid.getOrDefault(t.pid(), new long[1])[0];
    long cpu = cost.cpuNanos(refs, 0, t.minflt() + t.majflt());
    if (mm == null) {
      return new ProcessRow(t.pid(), "root", t.comm(), 0, 0, 0, cpu, t.minflt(), t.majflt());
    }
    RssStat r = mm.rss();
    long shr = (r.exact(RssStat.FILE) + r.exact(RssStat.SHMEM)) << 12;
    long res = shr + (r.exact(RssStat.ANON) << 12);
    return new ProcessRow(t.pid(), "root", t.comm(), mm.totalVm() << 12, res, shr, cpu, t.minflt(), t.majflt());
  }

  /**
   * The machine's counters. {@code retries}: MMU accesses that repeated a reference (a replay maps
   * a page on its first reference, then accesses it again), which are not references.
   */
  private static Metrics metrics(Kernel kernel, List<Task> tasks, boolean policyStudy, long retries) {
    MemoryManager mm = kernel.memoryManager();
    long[] rc = mm.reclaimCounters();
    SwapSpace swap = mm.swapSpace();
    long accesses = mm.mmu().accesses();
    long pgfault = kernel.vmEvents().pgfault();
    long major = kernel.vmEvents().pgmajfault();
    long tables = 0;
    long rss = 0;
    for (Task t : tasks) {
      if (!t.exited()) {
        tables += t.mm().pageTable().tableBytes();
        RssStat r = t.mm().rss();
        rss += (r.exact(RssStat.FILE) + r.exact(RssStat.ANON) + r.exact(RssStat.SHMEM)) << 12;
      }
    }
    return Metrics.builder()
        .put(Metric.REFERENCES, accesses - retries)
        .put(Metric.FAULTS, pgfault)
        .put(Metric.MINOR_FAULTS, pgfault - major)
        .put(Metric.MAJOR_FAULTS, major)
        .put(Metric.SWAP_INS, swap == null ? 0 : swap.swapins())
        .put(Metric.SWAP_OUTS, swap == null ? 0 : swap.swapouts())
        // Policy study counts every dirty eviction as a write-back; otherwise only file pages are.
        .put(Metric.WRITEBACKS, policyStudy ? rc[2] + rc[3] : rc[2])
        .put(Metric.RECLAIM_SCANS, rc[0])
        .put(Metric.TLB_HITS, accesses - mm.mmu().tlbMisses())
        .put(Metric.TLB_MISSES, mm.mmu().tlbMisses())
        .put(Metric.WALK_LEVELS, mm.mmu().walkLevels())
        .put(Metric.PAGE_TABLE_BYTES, tables)
        .put(Metric.RSS_BYTES, rss)
        .put(Metric.SWAP_BYTES, swap == null ? 0 : (long) swap.used() << 12)
        .put(Metric.OOM_KILLS, mm.oomKills().size())
        .build();
  }
}
