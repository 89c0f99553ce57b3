package io.vmlab.app.replay;

import io.vmlab.app.TestPaths;
import io.vmlab.app.config.MachineLoader;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.sys.Syscalls;
import java.nio.file.Path;

/**
 * A replay built by hand as {@code vmlab replay} builds it (KernelFactory, an empty process,
 * ReplayRun), for tests that look at the kernel afterwards or run many small replays without
 * loading the plugins each time.
 */
final class KernelReplay {
  /** The kernel after the replay and what the replay counted. */
  record Outcome(Kernel kernel, ReplayStats stats, boolean policyStudy) {
    /** As the command counts them: every dirty eviction in policy study, file write-backs otherwise. */
    long writebacks() {
      long[] rc = kernel.memoryManager().reclaimCounters();
      return policyStudy ? rc[2] + rc[3] : rc[2];
    }

    /** Swap-outs so far. */
    long swapOuts() {
      return kernel.memoryManager().swapSpace() == null ? 0 : kernel.memoryManager().swapSpace().swapouts();
    }
  }

  private KernelReplay() {}

  /** The bundled machine {@code name}. */
  static MachineSpec machine(PluginHost host, String name) {
    return MachineLoader.load(TestPaths.machine(name), host.registry()).spec();
  }

  /** Replays {@code trace} on {@code spec}; {@code frames > 0} is policy study with that many frames. */
  static Outcome run(PluginHost host, MachineSpec spec, Path trace, Path maps, int frames) {
    Kernel kernel = new KernelFactory(host.registry()).create(spec);
    if (frames > 0) {
      kernel.memoryManager().enablePolicyStudy(frames, spec.seed());
    }
    Syscalls sys = new Syscalls(kernel);
    var task = ProcessFactory.empty(kernel, null, "replay", spec.seed());
    ReplayStats stats = new ReplayRun(TraceSource.open(trace), maps, Long.MAX_VALUE).run(kernel, sys, task, n -> {});
    return new Outcome(kernel, stats, frames > 0);
  }

  /** Policy study of {@code trace} with {@code policy} and {@code frames} on x86_64-4level. */
  static Outcome study(PluginHost host, Path trace, String policy, int frames) {
    MachineSpec m = machine(host, "x86_64-4level");
    return run(host, m.withPolicies(m.policies().withReplacement(policy)), trace, null, frames);
  }
}
