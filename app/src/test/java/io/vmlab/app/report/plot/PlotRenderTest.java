package io.vmlab.app.report.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.report.SampleResults;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.Metrics;
import io.vmlab.app.report.model.RunResult;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Plots render headless into valid PNG and SVG. */
class PlotRenderTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static void assertValid(PlotImage p) throws IOException {
    assertTrue(p.png().length > 1000, p.stem() + ": PNG of " + p.png().length + " bytes");
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(p.png(), 8), p.stem());
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png()));
    assertTrue(img.getWidth() >= 600 && img.getHeight() >= 300, p.stem());
    String svg = new String(p.svg(), StandardCharsets.UTF_8);
    assertTrue(svg.startsWith("<?xml"), p.stem());
    assertTrue(svg.contains("<svg") && svg.trim().endsWith("</svg>"), p.stem());
  }

  @Test
  void runsHeadless() {
    assertTrue(GraphicsEnvironment.isHeadless(), "surefire and the launcher set java.awt.headless=true");
  }

  @Test
  void addressSpaceMapRendersBothFormats() throws IOException {
    PlotImage p = AddressSpaceMap.render("map", SampleResults.x8664(), MapLayout.DEFAULT_BREAK_GAP);
    assertValid(p);
    String svg = new String(p.svg(), StandardCharsets.UTF_8);
    for (String label : List.of("[heap]", "[stack]", "[vdso]", "/usr/bin/cat", "libc.so.6", "TiB unmapped")) {
      assertTrue(svg.contains(label), label);
    }
    assertValid(AddressSpaceMap.render("map32", SampleResults.ia32(), MapLayout.DEFAULT_BREAK_GAP));
  }

  @Test
  void sameInputSameBytes() {
    PlotImage a = AddressSpaceMap.render("m", SampleResults.x8664(), MapLayout.DEFAULT_BREAK_GAP);
    PlotImage b = AddressSpaceMap.render("m", SampleResults.x8664(), MapLayout.DEFAULT_BREAK_GAP);
    assertArrayEquals(a.png(), b.png());
    assertArrayEquals(a.svg(), b.svg());
    var chart = PageTableChart.build(SampleResults.full(4).runs()).orElseThrow();
    PlotImage c = ChartRender.render("p", chart);
    PlotImage d = ChartRender.render("p", PageTableChart.build(SampleResults.full(4).runs()).orElseThrow());
    assertArrayEquals(c.svg(), d.svg(), "clip ids renumbered");
    assertTrue(new String(c.svg(), StandardCharsets.UTF_8).contains("id=\"clip1\""));
  }

  @Test
  void faultCurveHasASeriesPerPolicyAndMachine() throws IOException {
    XYChart chart = FaultCurveChart.build(SampleResults.full(4).runs(), Metric.FAULTS, false).orElseThrow();
    assertEquals(6, chart.getSeriesCollection().size());
    assertTrue(chart.getSeries("fifo @ ia32-2level") != null);
    double[] x = chart.getSeries("lru @ x86_64-4level").getXData();
    assertArrayEquals(new double[] {4, 16, 64}, x, "MiB");
    assertValid(ChartRender.render(FaultCurveChart.STEM, chart));
  }

  @Test
  void logScaleLeavesOutZeros() throws IOException {
    List<RunResult> runs = List.of(run(0, 1 << 20, 10), run(1, 2 << 20, 0), run(2, 4 << 20, 5));
    XYChart chart = FaultCurveChart.build(runs, Metric.FAULTS, true).orElseThrow();
    assertArrayEquals(new double[] {10, 5}, chart.getSeries("fifo").getYData());
    assertValid(ChartRender.render(FaultCurveChart.STEM, chart));
  }

  @Test
  void oneMemorySizeMakesNoCurve() {
    assertFalse(FaultCurveChart.build(List.of(run(0, 1 << 20, 3)), Metric.FAULTS, false).isPresent());
  }

  @Test
  void pageTableBarsPerMachine() throws IOException {
    var chart = PageTableChart.build(SampleResults.full(4).runs()).orElseThrow();
    // Policies and memory sizes vary per machine, so each (policy, memory) is a series.
    assertEquals(9, chart.getSeriesCollection().size());
    assertValid(ChartRender.render(PageTableChart.STEM, chart));
  }

  private static RunResult run(int index, long memory, long faults) {
    return RunResult.of(index, Map.of("machine.memory", Long.toString(memory)), "m", "x86_64", "4level", "fifo",
        memory, Metrics.builder().put(Metric.FAULTS, faults).build());
  }
}
