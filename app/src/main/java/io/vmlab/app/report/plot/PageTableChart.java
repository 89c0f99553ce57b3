package io.vmlab.app.report.plot;

import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.SweepDimensions;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Page-table memory per machine (architecture and paging mode) as bars, in KiB; one bar series
 * per value of any other swept key that varies (e.g. workload). Where several runs share a bar,
 * the bar shows the largest.
 */
public final class PageTableChart {
  /** The plot's file name stem. */
  public static final String STEM = "page-tables";

  private PageTableChart() {}

  /** The chart, or empty when no run measured page-table bytes. */
  public static Optional<CategoryChart> build(List<RunResult> runs) {
    List<RunResult> measured = runs.stream().filter(r -> r.metrics().has(Metric.PAGE_TABLE_BYTES)).toList();
    if (measured.isEmpty()) {
      return Optional.empty();
    }
    Set<String> machines = new LinkedHashSet<>();
    measured.forEach(r -> machines.add(machine(r)));
    List<String> extra = SweepDimensions.extraKeys(measured, PageTableChart::machine);
    Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    for (RunResult r : measured) {
      String name = SweepDimensions.label(r, extra);
      double kib = r.metrics().getOr(Metric.PAGE_TABLE_BYTES, 0) / 1024.0;
      series.computeIfAbsent(name.isEmpty() ? "page tables" : name, k -> new LinkedHashMap<>())
          .merge(machine(r), kib, Math::max);
    }
    CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
        .title("Page-table memory per architecture").xAxisTitle("machine").yAxisTitle("page tables (KiB)").build();
    chart.getStyler().setLocale(Locale.ROOT);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setLegendVisible(series.size() > 1);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setYAxisDecimalPattern("#,##0.#");
    List<String> categories = new ArrayList<>(machines);
    for (Map.Entry<String, Map<String, Double>> e : series.entrySet()) {
      List<Double> ys = new ArrayList<>();
      for (String m : categories) {
        ys.add(e.getValue().getOrDefault(m, 0.0));
      }
      chart.addSeries(e.getKey(), categories, ys);
    }
    return Optional.of(chart);
  }

  /** The bar's name: the machine, else arch and paging mode. */
  static String machine(RunResult r) {
    if (!r.machine().isEmpty()) {
      return r.machine();
    }
    return r.paging().isEmpty() ? r.arch() : r.arch() + "-" + r.paging();
  }
}
