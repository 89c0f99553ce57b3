package io.vmlab.app.report.merge;

import io.vmlab.app.UserError;
import io.vmlab.app.report.OutputLayout;
import io.vmlab.app.report.io.Manifest;
import io.vmlab.app.report.io.ResultsJsonReader;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the output directories of shards and joins their runs into one result for the whole
 * sweep, in sweep order. Every directory must be complete (have its manifest) and come from the
 * same experiment run: same experiment, vmlab version, seed, config, plugins, cost model and sweep
 * size; together they must hold each run of the sweep exactly once.
 */
public final class ShardMerger {
  private static final int LIST_AT_MOST = 12;

  private ShardMerger() {}

  /**
   * The merged result of {@code dirs}.
   *
   * @throws UserError naming the directories and what differs, or the duplicate or missing runs
   */
  public static ExperimentResult merge(List<Path> dirs) {
    if (dirs.isEmpty()) {
      throw new UserError("vmlab merge: no directories given");
    }
    List<ExperimentResult> parts = new ArrayList<>();
    for (Path dir : dirs) {
      parts.add(read(dir));
    }
    ExperimentResult first = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      ExperimentResult p = parts.get(i);
      same("experiment", first, p, ExperimentResult::experiment, dirs.get(0), dirs.get(i));
      same("vmlab version", first, p, ExperimentResult::vmlabVersion, dirs.get(0), dirs.get(i));
      same("seed", first, p, ExperimentResult::seed, dirs.get(0), dirs.get(i));
      same("sweep size", first, p, ExperimentResult::sweepSize, dirs.get(0), dirs.get(i));
      same("config (hash)", first, p, ExperimentResult::configHash, dirs.get(0), dirs.get(i));
      same("plugins", first, p, ExperimentResult::plugins, dirs.get(0), dirs.get(i));
      same("cost model", first, p, ExperimentResult::costModel, dirs.get(0), dirs.get(i));
      same("shard count", first, p, r -> r.shard() == null ? "none (a whole sweep)" : r.shard().count(), dirs.get(0),
          dirs.get(i));
    }
    Map<Integer, List<Path>> where = new TreeMap<>();
    List<RunResult> runs = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      for (RunResult r : parts.get(i).runs()) {
        where.computeIfAbsent(r.index(), k -> new ArrayList<>()).add(dirs.get(i));
        runs.add(r);
      }
    }
    List<String> problems = new ArrayList<>();
    duplicates(where, parts, dirs, problems);
    missing(where, first, parts, problems);
    if (!problems.isEmpty()) {
      throw new UserError(problems, null);
    }
    runs.sort((a, b) -> Integer.compare(a.index(), b.index()));
    return new ExperimentResult(first.experiment(), first.vmlabVersion(), first.seed(), first.config(),
        first.plugins(), first.costModel(), first.sweepSize(), null, runs);
  }

  private static ExperimentResult read(Path dir) {
    OutputLayout layout = new OutputLayout(dir);
    Manifest manifest = Manifest.read(layout.manifest());
    ExperimentResult result = ResultsJsonReader.read(layout.json());
    List<Integer> indices = result.runs().stream().map(RunResult::index).toList();
    if (!manifest.runIndices().equals(indices) || manifest.seed() != result.seed()
        || !manifest.configHash().equals(result.configHash()) || !manifest.experiment().equals(result.experiment())
        || !Objects.equals(manifest.shard(), result.shard())) {
      throw new UserError(dir + ": " + OutputLayout.MANIFEST + " does not match " + OutputLayout.JSON
          + " (the directory was changed after the run)");
    }
    return result;
  }

  private static <T> void same(String what, ExperimentResult a, ExperimentResult b, Function<ExperimentResult, T> f,
      Path da, Path db) {
    T va = f.apply(a);
    T vb = f.apply(b);
    if (!Objects.equals(va, vb)) {
      throw new UserError("vmlab merge: " + da + " and " + db + " are not parts of one experiment run: " + what + " "
          + va + " in " + da + ", " + vb + " in " + db);
    }
  }

  private static void duplicates(Map<Integer, List<Path>> where, List<ExperimentResult> parts, List<Path> dirs,
      List<String> problems) {
    Map<Shard, List<Path>> byShard = new TreeMap<>((x, y) -> Integer.compare(x.index(), y.index()));
    for (int i = 0; i < parts.size(); i++) {
      if (parts.get(i).shard() != null) {
        byShard.computeIfAbsent(parts.get(i).shard(), k -> new ArrayList<>()).add(dirs.get(i));
      }
    }
    int before = problems.size();
    byShard.forEach((shard, ds) -> {
      if (ds.size() > 1) {
        problems.add("vmlab merge: shard " + shard + " is given more than once: " + join(ds));
      }
    });
    if (problems.size() > before) {
      return; // the repeated shards say which runs are twice
    }
    List<String> dups = where.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .map(e -> e.getKey() + " (in " + join(e.getValue()) + ")").toList();
    if (!dups.isEmpty()) {
      problems.add("vmlab merge: duplicate runs: " + shortList(dups));
    }
  }

  private static void missing(Map<Integer, List<Path>> where, ExperimentResult first, List<ExperimentResult> parts,
      List<String> problems) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < first.sweepSize(); i++) {
      if (!where.containsKey(i)) {
        missing.add(Integer.toString(i));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String hint = "";
    if (first.shard() != null) {
      int n = first.shard().count();
      TreeSet<Integer> absent = new TreeSet<>();
      for (int k = 1; k <= n; k++) {
        absent.add(k);
      }
      parts.forEach(p -> absent.remove(p.shard().index()));
      if (!absent.isEmpty()) {
        hint = "; not given: shard" + (absent.size() > 1 ? "s " : " ")
            + absent.stream().map(k -> k + "/" + n).collect(Collectors.joining(", "));
      }
    }
    problems.add("vmlab merge: missing runs (of " + first.sweepSize() + "): " + shortList(missing) + hint);
  }

  private static String join(List<Path> dirs) {
    return dirs.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  private static String shortList(List<String> items) {
    if (items.size() <= LIST_AT_MOST) {
      return String.join(", ", items);
    }
    return String.join(", ", items.subList(0, LIST_AT_MOST)) + " and " + (items.size() - LIST_AT_MOST) + " more";
  }
}
