package io.vmlab.app.experiment;

import io.vmlab.api.ApiVersion;
import io.vmlab.app.UserError;
import io.vmlab.app.config.LoadedMachine;
import io.vmlab.app.config.MachineLoader;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.plugin.LoadedPlugin;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.PluginVersion;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.Shard;
import io.vmlab.app.report.progress.ProgressReporter;
import io.vmlab.kernel.config.MachineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an experiment: expands the sweep, binds every run's machine first (so a bad sweep value
 * stops everything before any work or output), then runs the runs of the shard on {@code jobs}
 * threads. Each run has its own kernel and seed, so the results do not depend on the threads:
 * they come back in sweep order, identical to a sequential run.
 */
public final class ExperimentRunner {
  private final ExperimentSpec spec;
  private final PluginHost host;

  public ExperimentRunner(ExperimentSpec spec, PluginHost host) {
    this.spec = spec;
    this.host = host;
  }

  private final java.util.concurrent.ConcurrentSkipListMap<Integer, List<String>> notes =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private void note(int run, String line) {
    notes.computeIfAbsent(run, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(line);
  }

  /** What the runs reported besides their metrics (OOM kills), in sweep order. */
  public List<String> notes() {
    List<String> out = new ArrayList<>();
    notes.values().forEach(out::addAll);
    return out;
  }

  /** The runs of the whole sweep. */
  public List<RunPoint> plan() {
    return SweepPlan.expand(spec);
  }

  /** Runs the shard's runs (all if {@code shard} is null) and collects the results. */
  public ExperimentResult run(Shard shard, int jobs, boolean quiet) {
    List<RunPoint> all = plan();
    List<RunPoint> mine = new ArrayList<>();
    List<MachineSpec> machines = new ArrayList<>();
    for (RunPoint p : all) {
      if (shard == null || shard.contains(p.index())) {
        mine.add(p);
        machines.add(bind(p).spec());
      }
    }
    KernelFactory kernels = new KernelFactory(host.registry());
    RunExecutor executor = new RunExecutor(spec, kernels);
    List<RunResult> results = new ArrayList<>();
    try (ProgressReporter progress = ProgressReporter.open(spec.name(), mine.size(), quiet)) {
      if (jobs <= 1 || mine.size() <= 1) {
        for (int i = 0; i < mine.size(); i++) {
          int index = mine.get(i).index();
          results.add(executor.run(mine.get(i), machines.get(i), n -> {}, line -> note(index, line)));
          progress.step(1);
        }
      } else {
        results.addAll(parallel(executor, mine, machines, jobs, progress));
      }
    }
    results = firstSnapshotsOnly(all, results);
    List<PluginVersion> plugins = new ArrayList<>();
    for (LoadedPlugin p : host.plugins()) {
      plugins.add(new PluginVersion(p.id(), p.version()));
    }
    return new ExperimentResult(spec.name(), ApiVersion.VMLAB, spec.seed(), spec.config(), plugins, spec.cost(),
        all.size(), shard, results);
  }

  private List<RunResult> parallel(RunExecutor executor, List<RunPoint> points, List<MachineSpec> machines,
      int jobs, ProgressReporter progress) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, points.size()), r -> {
      Thread t = new Thread(r, "vmlab-run");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        RunPoint p = points.get(i);
        MachineSpec m = machines.get(i);
        futures.add(pool.submit(() -> {
          RunResult r = executor.run(p, m, n -> {}, line -> note(p.index(), line));
          progress.step(1);
          return r;
        }));
      }
      List<RunResult> out = new ArrayList<>();
      for (Future<RunResult> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Address spaces are drawn for the first run of each machine in the whole sweep only (so a
   * shard keeps the same ones): the layout does not change with memory size or policy, and a
   * sweep would otherwise draw the same map over and over.
   */
  private static List<RunResult> firstSnapshotsOnly(List<RunPoint> all, List<RunResult> runs) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Set<Integer> firsts = new java.util.HashSet<>();
    for (RunPoint p : all) {
      if (seen.add(p.machine().label())) {
        firsts.add(p.index());
      }
    }
    List<RunResult> out = new ArrayList<>();
    for (RunResult r : runs) {
      out.add(firsts.contains(r.index()) ? r : new RunResult(r.index(), r.params(), r.machine(), r.arch(),
          r.paging(), r.policy(), r.memoryBytes(), r.metrics(), r.processes(), List.of()));
    }
    return out;
  }

  /** The point's machine, with the sweep's values set into it. */
  LoadedMachine bind(RunPoint p) {
    if (p.machine().file() != null) {
      return MachineLoader.load(p.machine().file(), host.registry(), p.overrides());
    }
    return MachineLoader.inline(p.machine().inline(), spec.display(), p.machine().label(), host.registry(),
        p.overrides());
  }
}
