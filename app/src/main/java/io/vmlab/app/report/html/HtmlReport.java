package io.vmlab.app.report.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.report.Durations;
import io.vmlab.app.report.io.ResultsCsv;
import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.PluginVersion;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.plot.PlotImage;
import io.vmlab.app.report.proc.ProcessTable;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Builds report.html. Deterministic: the same results and plots give the same bytes (no dates).
 * Process tables are shown for the first {@code detailedRuns} runs that have process rows.
 */
public final class HtmlReport {
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String CSS = """
      body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:2em auto;\
      max-width:1200px;padding:0 1em;color:#222;line-height:1.4}
      h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #ddd}
      table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
      th,td{border:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      tr:nth-child(even) td{background:#fafafa}
      pre{background:#f6f8fa;padding:.8em;overflow:auto;font-size:.85em;border:1px solid #eee}
      figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}
      figcaption{font-size:.9em;color:#555}dt{font-family:monospace;font-weight:bold}dd{margin:0 0 .5em 1.5em}
      .meta td:first-child{color:#555}
      """;

  private HtmlReport() {}

  /** The page for {@code result} with {@code plots}; SVG files are linked relative to the page. */
  public static String render(ExperimentResult result, List<PlotImage> plots, int detailedRuns) {
    StringBuilder h = new StringBuilder(1 << 16);
    String title = "vmlab: " + result.experiment();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n<h1>").append(Html.esc(title)).append("</h1>\n");
    meta(h, result);
    results(h, result);
    if (!plots.isEmpty()) {
      h.append("<h2>Plots</h2>\n");
      for (PlotImage p : plots) {
        h.append("<figure><img alt=\"").append(Html.esc(p.title())).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(p.png())).append("\">\n<figcaption>")
            .append(Html.esc(p.title())).append(" (<a href=\"plots/").append(Html.esc(p.stem()))
            .append(".svg\">SVG</a>)</figcaption></figure>\n");
      }
    }
    processes(h, result, detailedRuns);
    config(h, result);
    glossary(h);
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void meta(StringBuilder h, ExperimentResult r) {
    h.append("<table class=\"meta\">\n");
    row(h, "experiment", r.experiment());
    row(h, "vmlab version", r.vmlabVersion());
    row(h, "seed", Long.toString(r.seed()));
    row(h, "runs", r.runs().size() + " of a sweep of " + r.sweepSize()
        + (r.shard() == null ? "" : " (shard " + r.shard() + ")"));
    row(h, "config hash", r.configHash());
    h.append("</table>\n");
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><td>").append(Html.esc(key)).append("</td><td>").append(Html.esc(value)).append("</td></tr>\n");
  }

  private static void results(StringBuilder h, ExperimentResult r) {
    h.append("<h2>Results</h2>\n");
    List<Metric> shown = java.util.Arrays.stream(Metric.values())
        .filter(m -> r.runs().stream().anyMatch(run -> run.metrics().has(m))).toList();
    h.append("<table>\n<tr><th class=\"n\">#</th><th>machine</th><th>policy</th><th class=\"n\">memory</th>")
        .append("<th>params</th>");
    for (Metric m : shown) {
      h.append("<th class=\"n\" title=\"").append(Html.esc(m.description())).append("\">").append(m.key())
          .append("</th>");
    }
    h.append("</tr>\n");
    for (RunResult run : r.runs()) {
      h.append("<tr><td class=\"n\">").append(run.index()).append("</td><td>").append(Html.esc(run.machine()))
          .append("</td><td>").append(Html.esc(run.policy())).append("</td><td class=\"n\">")
          .append(Html.esc(Sizes.of(run.memoryBytes()))).append("</td><td>").append(Html.esc(run.paramsText()))
          .append("</td>");
      for (Metric m : shown) {
        h.append("<td class=\"n\">").append(Html.esc(cell(run, m))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n<p>The same numbers, unformatted, are in <a href=\"results.csv\">results.csv</a> (columns: ")
        .append(Html.esc(String.join(", ", ResultsCsv.columns()))).append(") and <a href=\"results.json\">")
        .append("results.json</a>.</p>\n");
  }

  private static String cell(RunResult run, Metric m) {
    if (!run.metrics().has(m)) {
      return "";
    }
    long v = run.metrics().getOr(m, 0);
    return switch (m.unit()) {
      case "bytes" -> Sizes.of(v);
      case "ns" -> Durations.of(v);
      default -> String.format(Locale.ROOT, "%,d", v);
    };
  }

  private static void processes(StringBuilder h, ExperimentResult r, int detailedRuns) {
    List<RunResult> withRows = r.runs().stream().filter(run -> !run.processes().isEmpty()).toList();
    if (withRows.isEmpty()) {
      return;
    }
    h.append("<h2>Processes</h2>\n<p>As top and ps would show them at the end of each run: VIRT, RES, SHR in KiB ")
        .append("(a suffix m/g/t when they do not fit), %MEM of the machine's memory, TIME+ in top's ")
        .append("minutes:seconds.hundredths and TIME in ps's [DD-]hh:mm:ss, from the cost model below.</p>\n");
    int shown = 0;
    for (RunResult run : withRows) {
      if (shown++ == detailedRuns) {
        h.append("<p>(").append(withRows.size() - detailedRuns).append(" more runs: see results.json)</p>\n");
        break;
      }
      h.append("<h3>Run ").append(run.index()).append(": ").append(Html.esc(run.machine())).append(' ')
          .append(Html.esc(run.policy())).append(' ').append(Html.esc(Sizes.of(run.memoryBytes()))).append("</h3>\n<pre>")
          .append(Html.esc(ProcessTable.text(run.processes(), run.memoryBytes()))).append("</pre>\n");
    }
  }

  private static void config(StringBuilder h, ExperimentResult r) {
    h.append("<h2>Configuration</h2>\n<p>Seed ").append(r.seed()).append("; vmlab ")
        .append(Html.esc(r.vmlabVersion())).append(".</p>\n");
    h.append("<table>\n<tr><th>plugin</th><th>version</th></tr>\n");
    for (PluginVersion p : r.plugins()) {
      h.append("<tr><td>").append(Html.esc(p.id())).append("</td><td>").append(Html.esc(p.version()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    CostModel c = r.costModel();
    h.append("<table>\n<tr><th>cost model</th><th class=\"n\">value</th></tr>\n");
    costRow(h, "CPU frequency", String.format(Locale.ROOT, "%,d Hz", c.cpuHz()));
    costRow(h, "per reference (TLB hit)", c.hitCycles() + " cycles");
    costRow(h, "per page-table level walked", c.walkLevelCycles() + " cycles");
    costRow(h, "per fault (kernel work)", c.minorFaultCycles() + " cycles");
    costRow(h, "per major fault (I/O wait)", Durations.of(c.majorFaultNanos()));
    costRow(h, "per swap-out (I/O wait)", Durations.of(c.swapOutNanos()));
    costRow(h, "per write-back (I/O wait)", Durations.of(c.writebackNanos()));
    h.append("</table>\n<p>Resolved configuration:</p>\n<pre>");
    try {
      h.append(Html.esc(PRETTY.writeValueAsString(r.config())));
    } catch (JsonProcessingException e) {
      h.append(Html.esc(String.valueOf(r.config())));
    }
    h.append("</pre>\n");
  }

  private static void costRow(StringBuilder h, String key, String value) {
    h.append("<tr><td>").append(Html.esc(key)).append("</td><td class=\"n\">").append(Html.esc(value))
        .append("</td></tr>\n");
  }

  private static void glossary(StringBuilder h) {
    h.append("<h2>What the metrics mean</h2>\n<dl>\n");
    for (Metric m : Metric.values()) {
      h.append("<dt>").append(m.key()).append("</dt><dd>").append(Html.esc(m.description())).append(" (")
          .append(m.unit()).append(")</dd>\n");
    }
    h.append("</dl>\n");
  }
}
