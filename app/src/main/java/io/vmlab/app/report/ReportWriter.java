package io.vmlab.app.report;

import io.vmlab.app.report.html.HtmlReport;
import io.vmlab.app.report.io.AtomicOutput;
import io.vmlab.app.report.io.Manifest;
import io.vmlab.app.report.io.ResultsCsv;
import io.vmlab.app.report.io.ResultsJson;
import io.vmlab.app.report.model.AddressSpaceSnapshot;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.plot.AddressSpaceMap;
import io.vmlab.app.report.plot.ChartRender;
import io.vmlab.app.report.plot.FaultCurveChart;
import io.vmlab.app.report.plot.MapLayout;
import io.vmlab.app.report.plot.PageTableChart;
import io.vmlab.app.report.plot.PlotImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes an experiment's (or a shard's) output directory in the {@link OutputLayout}: plots,
 * results.csv, results.json, report.html, and manifest.json last. Every file is written
 * atomically; the manifest of an earlier run in the same directory is removed first, so a
 * directory with a manifest is always complete.
 */
public final class ReportWriter {
  /**
   * What to write.
   *
   * @param png write plots/*.png
   * @param svg write plots/*.svg
   * @param logY the fault curve on a logarithmic y axis
   * @param curveMetric the metric the fault curve plots (FAULTS, or MAJOR_FAULTS with swap)
   * @param detailedRuns how many runs get address-space maps and process tables in the report
   * @param breakGap address-space gaps of at least this many bytes are compressed in the maps
   */
  public record Options(boolean png, boolean svg, boolean logY, Metric curveMetric, int detailedRuns,
      long breakGap) {
    /** PNG and SVG, linear axes, FAULTS, 8 detailed runs, 1 MiB break gap. */
    public static final Options DEFAULT = new Options(true, true, false, Metric.FAULTS, 8, MapLayout.DEFAULT_BREAK_GAP);

    /**
     * The options an experiment's result asks for, so that a run, its shards' merge and the demo
     * draw the same report: PNG/SVG and the log scale from its config's {@code outputs}; the fault
     * curve plots major faults when a full-model run swapped, else all faults (policy study counts
     * every miss as a fault).
     */
    public static Options of(ExperimentResult result) {
      Object e = result.config().get("experiment");
      Map<?, ?> exp = e instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> out = exp.get("outputs") instanceof Map<?, ?> m ? m : Map.of();
      Map<?, ?> sweep = exp.get("sweep") instanceof Map<?, ?> m ? m : Map.of();
      boolean study = exp.containsKey("policy_study") || sweep.containsKey("policy_study.frames");
      boolean swapped = result.runs().stream().anyMatch(r -> r.metrics().getOr(Metric.SWAP_OUTS, 0) > 0);
      return new Options(flag(out, "png", true), flag(out, "svg", true), flag(out, "log_y", false),
          !study && swapped ? Metric.MAJOR_FAULTS : Metric.FAULTS, DEFAULT.detailedRuns, DEFAULT.breakGap);
    }

    private static boolean flag(Map<?, ?> m, String key, boolean dflt) {
      Object v = m.get(key);
      return v == null ? dflt : Boolean.parseBoolean(String.valueOf(v));
    }

    /** These options with the fault curve on a log (or linear) y axis. */
    public Options withLogY(boolean log) {
      return new Options(png, svg, log, curveMetric, detailedRuns, breakGap);
    }
  }

  private ReportWriter() {}

  /** Writes everything for {@code result} into {@code dir}; returns the files, relative to dir. */
  public static List<String> write(ExperimentResult result, Path dir, Options options) {
    OutputLayout out = new OutputLayout(dir);
    List<String> previous = previousFiles(out.manifest());
    try {
      Files.deleteIfExists(out.manifest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> files = new ArrayList<>();
    List<PlotImage> plots = plots(result, options);
    for (PlotImage p : plots) {
      if (options.png()) {
        AtomicOutput.write(out.plot(p.stem(), "png"), o -> o.write(p.png()));
        files.add(OutputLayout.PLOTS + "/" + p.stem() + ".png");
      }
      if (options.svg()) {
        AtomicOutput.write(out.plot(p.stem(), "svg"), o -> o.write(p.svg()));
        files.add(OutputLayout.PLOTS + "/" + p.stem() + ".svg");
      }
    }
    ResultsCsv.write(result, out.csv());
    files.add(OutputLayout.CSV);
    ResultsJson.write(result, out.json());
    files.add(OutputLayout.JSON);
    AtomicOutput.writeString(out.html(), HtmlReport.render(result, plots, options.detailedRuns()));
    files.add(OutputLayout.HTML);
    files.add(OutputLayout.MANIFEST);
    // Plots an earlier run wrote here that this one did not would be mistaken for its own.
    for (String f : previous) {
      if (!files.contains(f) && f.startsWith(OutputLayout.PLOTS + "/")) {
        try {
          Files.deleteIfExists(dir.resolve(f));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    Manifest.of(result, files).write(out.manifest());
    return files;
  }

  /** The files an earlier run's manifest lists (none if there is no readable manifest). */
  private static List<String> previousFiles(Path manifest) {
    if (!Files.isRegularFile(manifest)) {
      return List.of();
    }
    try {
      return Manifest.read(manifest).files();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** The plots {@code result} calls for, rendered in memory. */
  public static List<PlotImage> plots(ExperimentResult result, Options options) {
    List<PlotImage> plots = new ArrayList<>();
    List<RunResult> runs = result.runs();
    FaultCurveChart.build(runs, options.curveMetric(), options.logY())
        .ifPresent(c -> plots.add(ChartRender.render(FaultCurveChart.STEM, c)));
    if (runs.stream().map(RunResult::machine).distinct().count() > 1) {
      PageTableChart.build(runs).ifPresent(c -> plots.add(ChartRender.render(PageTableChart.STEM, c)));
    }
    int detailed = 0;
    java.util.Set<String> stems = new java.util.HashSet<>();
    for (RunResult run : runs) {
      if (run.addressSpaces().isEmpty()) {
        continue;
      }
      if (detailed++ == options.detailedRuns()) {
        break;
      }
      for (AddressSpaceSnapshot s : run.addressSpaces()) {
        String stem = mapStem(run, s);
        for (int n = 2; !stems.add(stem); n++) {
          stem = mapStem(run, s) + "-" + n;
        }
        plots.add(AddressSpaceMap.render(stem, s, options.breakGap()));
      }
    }
    return plots;
  }

  /** {@code address-space-rRUN-pPID[-label]}, the label reduced to [a-z0-9-]. */
  static String mapStem(RunResult run, AddressSpaceSnapshot s) {
    String label = s.label().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return "address-space-r" + run.index() + "-p" + s.pid() + (label.isEmpty() ? "" : "-" + label);
  }
}
