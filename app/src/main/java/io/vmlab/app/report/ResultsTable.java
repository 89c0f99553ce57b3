package io.vmlab.app.report;

import io.vmlab.app.format.Sizes;
import io.vmlab.app.format.TextTable;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.SweepDimensions;
import java.util.ArrayList;
import java.util.List;

/**
 * The results as an aligned text table for stdout: one row per run, the main counters in plain
 * digits (no grouping, Locale.ROOT), sizes in binary units, simulated time with a unit. Columns of
 * metrics no run measured are left out; swept keys other than machine, policy and memory get a
 * params column.
 */
public final class ResultsTable {
  /** The columns when an experiment names none. */
  public static final List<Metric> DEFAULT_COLUMNS = List.of(
      Metric.REFERENCES, Metric.FAULTS, Metric.MAJOR_FAULTS, Metric.SWAP_INS, Metric.SWAP_OUTS, Metric.WRITEBACKS,
      Metric.TLB_MISSES, Metric.PAGE_TABLE_BYTES, Metric.RSS_BYTES, Metric.SIM_TIME_NS);

  private ResultsTable() {}

  /** The table, each line ending in a newline. */
  public static String render(ExperimentResult result) {
    return render(result, DEFAULT_COLUMNS);
  }

  /** The table with these metric columns (in this order; a metric no run measured is left out). */
  public static String render(ExperimentResult result, List<Metric> columns) {
    List<RunResult> runs = result.runs();
    List<Metric> metrics = new ArrayList<>();
    for (Metric m : columns) {
      if (runs.stream().anyMatch(r -> r.metrics().has(m))) {
        metrics.add(m);
      }
    }
    List<String> extra = SweepDimensions.extraKeys(runs, r -> List.of(r.machine(), r.policy(), r.memoryBytes()));
    List<String> headers = new ArrayList<>(List.of(">#", "machine", "policy", ">memory"));
    if (!extra.isEmpty()) {
      headers.add("params");
    }
    for (Metric m : metrics) {
      headers.add(">" + header(m));
    }
    TextTable table = new TextTable(headers.toArray(String[]::new));
    for (RunResult r : runs) {
      List<Object> cells = new ArrayList<>(List.of(r.index(), r.machine(), r.policy(), Sizes.of(r.memoryBytes())));
      if (!extra.isEmpty()) {
        cells.add(SweepDimensions.label(r, extra));
      }
      for (Metric m : metrics) {
        cells.add(cell(r, m));
      }
      table.row(cells.toArray());
    }
    return table.render("");
  }

  /** The column header of {@code m}. */
  static String header(Metric m) {
    return switch (m) {
      case REFERENCES -> "refs";
      case MAJOR_FAULTS -> "major";
      case SWAP_INS -> "swap-in";
      case SWAP_OUTS -> "swap-out";
      case TLB_MISSES -> "tlb-miss";
      case PAGE_TABLE_BYTES -> "page tables";
      case RSS_BYTES -> "rss";
      case SIM_TIME_NS -> "sim time";
      default -> m.key().replace('_', '-');
    };
  }

  /** The cell of {@code m} for {@code r}: {@code -} when not measured. */
  static String cell(RunResult r, Metric m) {
    if (!r.metrics().has(m)) {
      return "-";
    }
    long v = r.metrics().getOr(m, 0);
    return switch (m.unit()) {
      case "bytes" -> Sizes.of(v);
      case "ns" -> Durations.of(v);
      default -> Long.toString(v);
    };
  }
}
