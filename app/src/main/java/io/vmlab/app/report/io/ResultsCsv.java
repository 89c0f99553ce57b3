package io.vmlab.app.report.io;

import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * results.csv: one record per run, in sweep order, under a header record. The columns are fixed
 * (docs/results.md lists them): {@code index, experiment, machine, arch, paging, policy,
 * memory_bytes, params}, then one column per {@link Metric} in declaration order ({@code
 * references, faults, minor_faults, major_faults, swap_ins, swap_outs, writebacks, reclaim_scans,
 * tlb_hits, tlb_misses, walk_levels, page_table_bytes, rss_bytes, swap_bytes, oom_kills,
 * cpu_time_ns, sim_time_ns}). Numbers are integers in plain digits (no grouping, no locale); an
 * unmeasured metric is an empty field. {@code params} is {@code key=value;key=value} in the
 * sweep's key order.
 */
public final class ResultsCsv {
  /** The columns before the metrics. */
  public static final List<String> RUN_COLUMNS =
      List.of("index", "experiment", "machine", "arch", "paging", "policy", "memory_bytes", "params");

  private ResultsCsv() {}

  /** Every column, in order. */
  public static List<String> columns() {
    List<String> cols = new ArrayList<>(RUN_COLUMNS);
    for (Metric m : Metric.values()) {
      cols.add(m.key());
    }
    return Collections.unmodifiableList(cols);
  }

  /** Writes {@code result}'s runs to {@code target}, atomically. */
  public static void write(ExperimentResult result, Path target) {
    AtomicOutput.writeText(target, out -> write(result, out));
  }

  /** Writes {@code result}'s runs as CSV to {@code out}. */
  public static void write(ExperimentResult result, Writer out) throws IOException {
    Csv.record(out, columns());
    for (RunResult run : result.runs()) {
      Csv.record(out, row(result.experiment(), run));
    }
  }

  /** The fields of one run's record. */
  public static List<String> row(String experiment, RunResult run) {
    List<String> f = new ArrayList<>();
    f.add(Integer.toString(run.index()));
    f.add(experiment);
    f.add(run.machine());
    f.add(run.arch());
    f.add(run.paging());
    f.add(run.policy());
    f.add(Long.toString(run.memoryBytes()));
    f.add(run.paramsText());
    for (Metric m : Metric.values()) {
      f.add(run.metrics().has(m) ? Long.toString(run.metrics().getOr(m, 0)) : "");
    }
    return f;
  }
}
