package io.vmlab.app.report.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import io.vmlab.app.report.model.AddressSpaceSnapshot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Draws a {@link MapLayout} with Java2D: the bar of segments, break bands with a zigzag across the
 * bar and the gap size, a label per VMA (or per run of one file's VMAs) joined to the bar by a
 * leader line, the addresses of each region's ends on the left, and a legend. The same painter
 * makes the PNG (a BufferedImage through ImageIO) and the SVG (VectorGraphics2D).
 */
public final class AddressSpaceMap {
  private static final Color INK = new Color(0x222222);
  private static final Color FAINT = new Color(0x888888);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final Font MONO = new Font(Font.MONOSPACED, Font.PLAIN, 11);

  private AddressSpaceMap() {}

  /** The map of {@code snap} as a plot (PNG and SVG) named {@code stem}. */
  public static PlotImage render(String stem, AddressSpaceSnapshot snap, long breakGap) {
    MapLayout layout = MapLayout.of(snap, breakGap);
    return new PlotImage(stem, layout.title(), png(layout), svg(layout));
  }

  /** {@code layout} as PNG bytes. */
  public static byte[] png(MapLayout layout) {
    BufferedImage img = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      paint(g, layout);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code layout} as SVG bytes. */
  public static byte[] svg(MapLayout layout) {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g, layout);
    Document doc = new SVGProcessor().getDocument(g.getCommands(),
        new PageSize(0, 0, layout.width(), layout.height()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      doc.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return SvgIds.normalize(out.toByteArray());
  }

  /** Paints {@code layout} onto {@code g} (origin at the top left, size layout.width x height). */
  public static void paint(Graphics2D g, MapLayout layout) {
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, layout.width(), layout.height()));
    g.setColor(INK);
    g.setFont(TITLE);
    g.drawString(layout.title(), 16, 24);
    g.setFont(SMALL);
    g.setColor(FAINT);
    g.drawString(layout.subtitle(), 16, 44);
    for (MapLayout.Break b : layout.breaks()) {
      paintBreak(g, b, layout.addressDigits());
    }
    for (MapLayout.Region r : layout.regions()) {
      paintRegion(g, r, layout.addressDigits());
    }
    paintLegend(g, layout);
  }

  private static void paintRegion(Graphics2D g, MapLayout.Region r, int digits) {
    double x = MapLayout.BAR_X;
    double w = MapLayout.BAR_WIDTH;
    g.setColor(new Color(0xf4f4f4));
    g.fill(new Rectangle2D.Double(x, r.top(), w, r.bottom() - r.top()));
    g.setStroke(new BasicStroke(0.8f));
    for (MapLayout.Segment s : r.segments()) {
      Rectangle2D rect = new Rectangle2D.Double(x, s.top(), w, s.bottom() - s.top());
      g.setColor(s.kind().color());
      g.fill(rect);
      g.setColor(INK);
      g.draw(rect);
    }
    g.setColor(INK);
    g.setStroke(new BasicStroke(1.2f));
    g.draw(new Rectangle2D.Double(x, r.top(), w, r.bottom() - r.top()));
    g.setFont(MONO);
    g.drawString(MapLayout.pad(r.end(), digits), 12, (float) (r.top() + 4));
    g.drawString(MapLayout.pad(r.start(), digits), 12, (float) (r.bottom() + 4));
    g.setStroke(new BasicStroke(0.6f));
    for (MapLayout.Label l : r.labels()) {
      g.setColor(FAINT);
      g.draw(new Line2D.Double(x + w + 2, l.anchorY(), MapLayout.LABEL_X - 6, l.y()));
      g.setColor(INK);
      g.drawString(l.text(), (float) MapLayout.LABEL_X, (float) (l.y() + 4));
    }
  }

  private static void paintBreak(Graphics2D g, MapLayout.Break b, int digits) {
    double x = MapLayout.BAR_X;
    double w = MapLayout.BAR_WIDTH;
    double mid = (b.top() + b.bottom()) / 2;
    g.setColor(FAINT);
    g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
    g.draw(new Line2D.Double(x, b.top(), x, b.bottom()));
    g.draw(new Line2D.Double(x + w, b.top(), x + w, b.bottom()));
    g.setStroke(new BasicStroke(1.4f));
    for (double dy : new double[] {-4, 4}) {
      Path2D zig = new Path2D.Double();
      zig.moveTo(x - 10, mid + dy);
      int teeth = 10;
      for (int i = 1; i <= teeth; i++) {
        zig.lineTo(x - 10 + (w + 20) * i / teeth, mid + dy + (i % 2 == 1 ? -5 : 5));
      }
      g.setColor(INK);
      g.draw(zig);
    }
    g.setFont(SMALL);
    g.setColor(INK);
    g.drawString(b.text(), (float) MapLayout.LABEL_X, (float) (mid + 4));
    if (b.from() == 0) {
      g.setFont(MONO);
      g.drawString(MapLayout.pad(0, digits), 12, (float) (b.bottom() + 4));
    }
  }

  private static void paintLegend(Graphics2D g, MapLayout layout) {
    double y = layout.height() - 12 - Math.ceil(layout.kinds().size() / 3.0) * 18 + 6;
    int col = 0;
    g.setFont(SMALL);
    for (SegmentKind k : layout.kinds()) {
      double x = 16 + col * 240;
      g.setColor(k.color());
      g.fill(new Rectangle2D.Double(x, y - 10, 14, 12));
      g.setColor(INK);
      g.setStroke(new BasicStroke(0.8f));
      g.draw(new Rectangle2D.Double(x, y - 10, 14, 12));
      g.drawString(k.legend(), (float) (x + 20), (float) y);
      if (++col == 3) {
        col = 0;
        y += 18;
      }
    }
  }
}
