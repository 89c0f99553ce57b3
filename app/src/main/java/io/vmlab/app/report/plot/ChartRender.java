package io.vmlab.app.report.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Renders an XChart chart to PNG (BitmapEncoder) and SVG (VectorGraphicsEncoder) bytes. */
public final class ChartRender {
  private ChartRender() {}

  /** {@code chart} as a plot named {@code stem}. */
  public static PlotImage render(String stem, Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return new PlotImage(stem, chart.getTitle(), png, SvgIds.normalize(svg.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
