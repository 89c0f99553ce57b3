package io.vmlab.app.report.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders an XChart chart to PNG and SVG bytes through ChartEncoder, XChart 4's front to
 * BitmapEncoder (ImageIO) and VectorGraphicsEncoder (VectorGraphics2D); their own byte methods are
 * deprecated in 4.0.
 */
public final class ChartRender {
  private ChartRender() {}

  /** {@code chart} as a plot named {@code stem}. */
  public static PlotImage render(String stem, Chart<?, ?> chart) {
    try {
      byte[] png = ChartEncoder.getBytes(chart, "png");
      byte[] svg = ChartEncoder.getBytes(chart, "svg");
      return new PlotImage(stem, chart.getTitle(), png, SvgIds.normalize(svg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
