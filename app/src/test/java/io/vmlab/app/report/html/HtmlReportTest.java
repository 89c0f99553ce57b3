package io.vmlab.app.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.report.ReportWriter;
import io.vmlab.app.report.SampleResults;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.plot.PlotImage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final ExperimentResult RESULT = SampleResults.full(8);
  private static final List<PlotImage> PLOTS = ReportWriter.plots(RESULT, ReportWriter.Options.DEFAULT);
  private static final String HTML = HtmlReport.render(RESULT, PLOTS, 8);

  @Test
  void isSelfContained() {
    assertFalse(HTML.contains("<script"), "no scripts");
    assertFalse(HTML.contains("<link"), "no stylesheets");
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(HTML);
    while (m.find()) {
      String url = m.group(1);
      assertTrue(url.startsWith("data:image/png;base64,") || url.startsWith("plots/") || url.startsWith("results."),
          "only embedded images and links to files beside it: " + url);
    }
  }

  @Test
  void embedsEveryPlot() {
    assertEquals(PLOTS.size(), HTML.split("data:image/png;base64,", -1).length - 1);
    // faults-vs-memory, page-tables, and a map for run 0 (ia32) and run 9 (x86-64)
    assertEquals(List.of("faults-vs-memory", "page-tables", "address-space-r0-p1-end", "address-space-r9-p1-end"),
        PLOTS.stream().map(PlotImage::stem).toList());
  }

  @Test
  void showsConfigSeedPluginsAndEveryMetricsMeaning() {
    assertTrue(HTML.contains("<td>seed</td><td>8</td>"));
    assertTrue(HTML.contains("<td>policy-linux</td><td>0.1.0</td>"));
    assertTrue(HTML.contains("quotes \\&quot; and, commas &lt;b&gt;"), "config is shown, escaped");
    for (Metric m : Metric.values()) {
      assertTrue(HTML.contains("<dt>" + m.key() + "</dt>"), m.key());
    }
  }

  @Test
  void showsTheProcessTable() {
    assertTrue(HTML.contains("  PID USER        VIRT    RES    SHR  %MEM     TIME+     TIME COMMAND"));
    assertTrue(HTML.contains("25:15.20 00:25:15 cat, child &quot;2&quot;"));
  }

  @Test
  void isDeterministic() {
    ExperimentResult again = SampleResults.full(8);
    assertEquals(HTML, HtmlReport.render(again, ReportWriter.plots(again, ReportWriter.Options.DEFAULT), 8));
  }
}
