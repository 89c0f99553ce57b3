package io.vmlab.app.report.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an experiment (or one shard of it) produced, with what is needed to reproduce it.
 *
 * @param experiment the experiment's name (its file name without .yaml)
 * @param vmlabVersion the vmlab release that ran it
 * @param seed the experiment's seed
 * @param config the resolved configuration (machines, processes, sweep, outputs...) as plain maps,
 *     lists and scalars (kept in JSON-normalized form, see {@link ConfigHash#normalize}); must not contain the shard or the output directory, so that all shards of
 *     one experiment have the same config
 * @param plugins the plugins that were loaded, sorted by id
 * @param costModel the cost model behind the simulated times
 * @param sweepSize how many runs the full sweep has (1 without a sweep)
 * @param shard which part of the sweep ran, or null for all of it
 * @param runs the runs, sorted by index (the constructor sorts them)
 */
public record ExperimentResult(String experiment, String vmlabVersion, long seed, Map<String, Object> config,
    List<PluginVersion> plugins, CostModel costModel, int sweepSize, Shard shard, List<RunResult> runs) {
  public ExperimentResult {
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(vmlabVersion, "vmlabVersion");
    config = Collections.unmodifiableMap(ConfigHash.normalize(config));
    List<PluginVersion> p = new ArrayList<>(plugins);
    p.sort(Comparator.comparing(PluginVersion::id).thenComparing(PluginVersion::version));
    plugins = List.copyOf(p);
    Objects.requireNonNull(costModel, "costModel");
    if (sweepSize < 1) {
      throw new IllegalArgumentException("sweep size " + sweepSize + " must be at least 1");
    }
    List<RunResult> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingInt(RunResult::index));
    for (int i = 0; i < sorted.size(); i++) {
      int index = sorted.get(i).index();
      if (index >= sweepSize) {
        throw new IllegalArgumentException("run index " + index + " is outside the sweep of " + sweepSize);
      }
      if (i > 0 && sorted.get(i - 1).index() == index) {
        throw new IllegalArgumentException("two runs have index " + index);
      }
      if (shard != null && !shard.contains(index)) {
        throw new IllegalArgumentException("run " + index + " does not belong to shard " + shard);
      }
    }
    runs = List.copyOf(sorted);
  }

  /** Whether this holds every run of the sweep. */
  public boolean complete() {
    return runs.size() == sweepSize;
  }

  /** The SHA-256 of the config in canonical JSON (sorted keys): equal configs, equal hashes. */
  public String configHash() {
    return ConfigHash.of(config);
  }
}
