package io.vmlab.app.report.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which swept keys a plot must tell apart: those whose value is not already fixed by what the plot
 * shows on its axes (e.g. policy, machine and memory for the fault curve). Each such key adds
 * {@code key=value} to the series name, so no two runs fall on one point.
 */
public final class SweepDimensions {
  private SweepDimensions() {}

  /** The param keys, in first-seen order, that vary for one value of {@code shown}. */
  public static List<String> extraKeys(List<RunResult> runs, Function<RunResult, Object> shown) {
    Set<String> keys = new LinkedHashSet<>();
    runs.forEach(r -> keys.addAll(r.params().keySet()));
    List<String> extra = new ArrayList<>();
    for (String key : keys) {
      Map<Object, String> seen = new HashMap<>();
      for (RunResult r : runs) {
        String v = r.params().get(key);
        String before = seen.putIfAbsent(shown.apply(r), Objects.requireNonNullElse(v, ""));
        if (before != null && !before.equals(Objects.requireNonNullElse(v, ""))) {
          extra.add(key);
          break;
        }
      }
    }
    return extra;
  }

  /** {@code key=value, ...} of {@code run} for {@code keys}; empty for no keys. */
  public static String label(RunResult run, List<String> keys) {
    return keys.stream().map(k -> k + "=" + run.params().getOrDefault(k, "")).collect(Collectors.joining(", "));
  }
}
