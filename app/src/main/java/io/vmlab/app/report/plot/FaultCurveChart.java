package io.vmlab.app.report.plot;

import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.SweepDimensions;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The classic curve: a fault count against memory size, one line per replacement policy (and per
 * machine, and per any other swept key that varies), points in memory order. Memory is in the
 * binary unit of the smallest size (bytes, KiB, MiB or GiB). Belady's anomaly
 * shows as a line going up.
 */
public final class FaultCurveChart {
  /** The plot's file name stem. */
  public static final String STEM = "faults-vs-memory";

  private FaultCurveChart() {}

  /**
   * The chart of {@code metric} against memory size, or empty when fewer than two memory sizes
   * have a value. With {@code logY}, points of 0 are left out (a log axis has no 0).
   */
  public static Optional<XYChart> build(List<RunResult> runs, Metric metric, boolean logY) {
    List<RunResult> measured = runs.stream().filter(r -> r.metrics().has(metric)).toList();
    if (measured.stream().map(RunResult::memoryBytes).distinct().count() < 2) {
      return Optional.empty();
    }
    boolean manyMachines = measured.stream().map(RunResult::machine).distinct().count() > 1;
    List<String> extra = SweepDimensions.extraKeys(measured, r -> List.of(r.policy(), r.machine(), r.memoryBytes()));
    Map<String, TreeMap<Long, Long>> series = new LinkedHashMap<>();
    for (RunResult r : measured) {
      String name = r.policy().isEmpty() ? "run" : r.policy();
      if (manyMachines) {
        name += " @ " + r.machine();
      }
      String more = SweepDimensions.label(r, extra);
      if (!more.isEmpty()) {
        name += " (" + more + ")";
      }
      long y = r.metrics().getOr(metric, 0);
      if (!logY || y > 0) {
        series.computeIfAbsent(name, k -> new TreeMap<>()).merge(r.memoryBytes(), y, Math::max);
      }
    }
    long smallest = measured.stream().mapToLong(RunResult::memoryBytes).min().orElse(1);
    int unit = smallest >= 1L << 30 ? 30 : smallest >= 1L << 20 ? 20 : smallest >= 1L << 10 ? 10 : 0;
    String unitName = new String[] {"bytes", "KiB", "MiB", "GiB"}[unit / 10];
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title(metric))
        .xAxisTitle("memory (" + unitName + ")").yAxisTitle(metric.key() + (logY ? " (log scale)" : "")).build();
    chart.getStyler().setLocale(Locale.ROOT);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(7);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setYAxisDecimalPattern("#,##0");
    chart.getStyler().setXAxisDecimalPattern("#,##0.##");
    for (Map.Entry<String, TreeMap<Long, Long>> e : series.entrySet()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      e.getValue().forEach((x, y) -> {
        xs.add(x / (double) (1L << unit));
        ys.add((double) y);
      });
      chart.addSeries(e.getKey(), xs, ys).setMarker(SeriesMarkers.CIRCLE);
    }
    return Optional.of(chart);
  }

  private static String title(Metric metric) {
    return switch (metric) {
      case FAULTS -> "Page faults vs memory size";
      case MAJOR_FAULTS -> "Major faults vs memory size";
      default -> metric.key() + " vs memory size";
    };
  }
}
