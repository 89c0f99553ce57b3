package io.vmlab.app.bench;

import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.replay.Replayer;
import io.vmlab.app.replay.ReplayStats;
import io.vmlab.app.trace.TraceConverter;
import io.vmlab.app.trace.TraceFormat;
import io.vmlab.app.trace.TraceReader;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.bench.Stage;
import io.vmlab.app.trace.bench.TraceBench;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replay throughput on one trace, single-threaded, from its binary form, each timed stage after an
 * untimed warm-up on a throwaway machine (the first 30M references): a policy-study replay
 * (exact LRU by default, N frames) and a full replay through the TLB, page-table walk and fault
 * path with the machine's own policy (Linux's lru-2q by default). Both go through the same
 * {@link io.vmlab.kernel.memory.Mmu}; the stages differ in what the kernel does on a miss.
 */
public final class ReplayBench {
  /** One replay stage's counts next to its timing. */
  public record Result(Stage stage, String policy, String mode, ReplayStats stats) {}

  private final KernelFactory kernels;
  private final MachineSpec machine;
  private final TraceSource source;
  private final Path tempDir;
  private final Consumer<String> log;

  public ReplayBench(KernelFactory kernels, MachineSpec machine, TraceSource source, Path tempDir,
      Consumer<String> log) {
    this.kernels = kernels;
    this.machine = machine;
    this.source = source;
    this.tempDir = tempDir;
    this.log = log;
  }

  /** Runs the two replays; {@code studyPolicy} at {@code frames} frames, then the full model. */
  public List<Result> run(String studyPolicy, int frames) throws IOException {
    List<Result> out = new ArrayList<>();
    TraceSource binary = source;
    Path temp = null;
    if (source.format() != TraceFormat.BINARY) {
      temp = Files.createTempFile(tempDir, "vmlab-bench-", ".vmt");
      log.accept("converting " + source + " to the binary form...");
      TraceConverter.convert(source, temp, TraceConverter.DEFAULT_LEVEL);
      binary = TraceSource.open(temp);
    }
    try {
      MachineSpec study = machine.withPolicies(machine.policies().withReplacement(studyPolicy));
      out.add(replay(binary, study, frames, "policy study, " + studyPolicy + ", " + frames + " frames"));
      out.add(replay(binary, machine, 0, "full, " + machine.policies().replacement() + ", "
          + (machine.memoryBytes() >> 20) + " MiB"));
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
    return out;
  }

  /** References replayed, untimed, on a throwaway machine before each timed stage (JIT warm-up). */
  static final long WARMUP = 30_000_000L;

  private Result replay(TraceSource binary, MachineSpec spec, int frames, String name) {
    log.accept("warming up: " + name + "...");
    run(binary, spec, frames, WARMUP);
    log.accept("replaying: " + name + "...");
    return run(binary, spec, frames, Long.MAX_VALUE, name);
  }

  private void run(TraceSource binary, MachineSpec spec, int frames, long limit) {
    run(binary, spec, frames, limit, "warm-up");
  }

  private Result run(TraceSource binary, MachineSpec spec, int frames, long limit, String name) {
    Kernel kernel = kernels.create(spec);
    if (frames > 0) {
      kernel.memoryManager().enablePolicyStudy(frames, spec.seed());
    }
    Syscalls sys = new Syscalls(kernel);
    Task task = ProcessFactory.empty(kernel, null, "bench", spec.seed());
    Replayer replayer = new Replayer(kernel, sys, task, true);
    System.gc();
    long alloc0 = TraceBench.allocated();
    long cpu0 = TraceBench.cpu();
    long t0 = System.nanoTime();
    ReplayStats s;
    try (TraceReader reader = binary.reader()) {
      s = replayer.replay(reader, limit, n -> {});
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpu = (TraceBench.cpu() - cpu0) / 1e9;
    long alloc = TraceBench.allocated() - alloc0;
    Stage stage = new Stage(name, secs, cpu, 0, s.references(), 0, alloc);
    return new Result(stage, spec.policies().replacement(), frames > 0 ? "policy-study" : "full", s);
  }
}
