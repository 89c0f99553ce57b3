package io.vmlab.app.report.plot;

import io.vmlab.app.format.Sizes;
import io.vmlab.app.report.model.AddressSpaceSnapshot;
import io.vmlab.app.report.model.VmaRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where everything of an address-space map goes, in pixels, before anything is drawn. VMAs closer
 * than {@code breakGap} form a region drawn to scale (each VMA at least {@value #MIN_SEGMENT} px
 * high); larger gaps, and the gaps from 0 to the lowest VMA and from the highest VMA to TASK_SIZE,
 * become fixed-height break bands labelled with their size. High addresses are at the top, as in
 * the classic diagram.
 */
public final class MapLayout {
  /** Gaps at least this large are compressed into a break band. */
  public static final long DEFAULT_BREAK_GAP = 1L << 20;
  /** Smallest height of a VMA, px. */
  public static final double MIN_SEGMENT = 3;
  /** Height of one label line, px. */
  public static final double LINE = 14;
  /** Height of a break band, px. */
  public static final double BREAK_HEIGHT = 34;
  /** Left edge of the bar, px. */
  public static final double BAR_X = 170;
  /** Width of the bar, px. */
  public static final double BAR_WIDTH = 150;
  /** Left edge of the labels, px. */
  public static final double LABEL_X = BAR_X + BAR_WIDTH + 40;
  /** Width of one character of the label font, px (a generous estimate for 11 pt monospace). */
  public static final double CHAR_WIDTH = 7;
  /** Top of the first element, below the title, px. */
  public static final double TOP = 64;

  private static final int MAX_LABELS_PER_REGION = 60;
  private static final int GROUP_ABOVE = 10;

  /** One VMA's rectangle. */
  public record Segment(VmaRow vma, SegmentKind kind, double top, double bottom) {}

  /** A label line and the bar point it refers to. */
  public record Label(String text, double anchorY, double y) {}

  /** VMAs drawn to scale between {@code top} and {@code bottom}. */
  public record Region(long start, long end, double top, double bottom, List<Segment> segments, List<Label> labels) {}

  /** A compressed gap [from, to) between {@code top} and {@code bottom}, with its label. */
  public record Break(long from, long to, double top, double bottom, String text) {}

  private final String title;
  private final String subtitle;
  private final List<Region> regions;
  private final List<Break> breaks;
  private final Set<SegmentKind> kinds;
  private final double width;
  private final double height;
  private final int addressDigits;

  private MapLayout(String title, String subtitle, List<Region> regions, List<Break> breaks, Set<SegmentKind> kinds,
      double width, double height, int addressDigits) {
    this.title = title;
    this.subtitle = subtitle;
    this.regions = List.copyOf(regions);
    this.breaks = List.copyOf(breaks);
    this.kinds = kinds;
    this.width = width;
    this.height = height;
    this.addressDigits = addressDigits;
  }

  /** The layout of {@code snap} with the default break gap. */
  public static MapLayout of(AddressSpaceSnapshot snap) {
    return of(snap, DEFAULT_BREAK_GAP);
  }

  /** The layout of {@code snap}; gaps of at least {@code breakGap} bytes are compressed. */
  public static MapLayout of(AddressSpaceSnapshot snap, long breakGap) {
    List<VmaRow> vmas = snap.vmas();
    long top = vmas.isEmpty() ? snap.taskSize() : maxUnsigned(snap.taskSize(), vmas.get(vmas.size() - 1).end());
    int digits = Math.max(8, (64 - Long.numberOfLeadingZeros(top - 1) + 3) / 4);
    List<List<VmaRow>> clusters = new ArrayList<>();
    for (VmaRow v : vmas) {
      List<VmaRow> last = clusters.isEmpty() ? null : clusters.get(clusters.size() - 1);
      if (last != null && Long.compareUnsigned(v.start() - last.get(last.size() - 1).end(), breakGap) < 0) {
        last.add(v);
      } else {
        List<VmaRow> c = new ArrayList<>();
        c.add(v);
        clusters.add(c);
      }
    }
    List<Region> regions = new ArrayList<>();
    List<Break> breaks = new ArrayList<>();
    EnumSet<SegmentKind> kinds = EnumSet.noneOf(SegmentKind.class);
    double y = TOP;
    int maxChars = 40;
    long above = top;
    if (clusters.isEmpty()) {
      breaks.add(new Break(0, top, y, y + BREAK_HEIGHT, "no mappings: " + Sizes.of(top) + " unmapped"));
      y += BREAK_HEIGHT;
    }
    for (int c = clusters.size() - 1; c >= 0; c--) {
      List<VmaRow> cluster = clusters.get(c);
      long end = cluster.get(cluster.size() - 1).end();
      if (above != end) {
        breaks.add(gap(end, above, snap.taskSize(), y));
        y += BREAK_HEIGHT;
      }
      Region r = region(cluster, y, digits);
      regions.add(r);
      for (Segment s : r.segments()) {
        kinds.add(s.kind());
      }
      for (Label l : r.labels()) {
        maxChars = Math.max(maxChars, l.text().length());
      }
      y = r.bottom();
      above = cluster.get(0).start();
    }
    if (!clusters.isEmpty() && above != 0) {
      breaks.add(gap(0, above, snap.taskSize(), y));
      y += BREAK_HEIGHT;
    }
    double legendRows = Math.ceil(kinds.size() / 3.0);
    double height = y + 24 + legendRows * 18 + 12;
    double width = Math.max(760, LABEL_X + maxChars * CHAR_WIDTH + 24);
    String title = String.format(Locale.ROOT, "Address space of PID %d%s%s", snap.pid(),
        snap.command().isEmpty() ? "" : " (" + snap.command() + ")", snap.label().isEmpty() ? "" : ", " + snap.label());
    String subtitle = "user space 0x0 to " + pad(snap.taskSize(), digits) + " (" + Sizes.of(snap.taskSize()) + "); "
        + vmas.size() + " VMAs; regions to scale, gaps of " + Sizes.of(breakGap) + " or more compressed";
    return new MapLayout(title, subtitle, regions, breaks, kinds, width, height, digits);
  }

  private static Break gap(long from, long to, long taskSize, double y) {
    String text = Sizes.of(to - from) + " unmapped";
    if (Long.compareUnsigned(from, taskSize) < 0 && Long.compareUnsigned(taskSize, to) <= 0) {
      text += "; TASK_SIZE " + io.vmlab.app.format.Hex.of(taskSize) + (taskSize == to ? " at the top" : " inside");
    }
    return new Break(from, to, y, y + BREAK_HEIGHT, text);
  }

  private static Region region(List<VmaRow> vmas, double top, int digits) {
    int n = vmas.size();
    long span = vmas.get(n - 1).end() - vmas.get(0).start();
    List<int[]> groups = groups(vmas);
    if (groups.size() > MAX_LABELS_PER_REGION) {
      groups = largest(vmas, groups);
    }
    double h = 36 + 16 * Math.max(0, log2(span / 4096.0));
    h = Math.min(260, Math.max(36, h));
    h = Math.max(h, groups.size() * LINE + 8);
    double[] heights = scale(vmas, h);
    // Top-down: the highest VMA first.
    List<Segment> segments = new ArrayList<>();
    double[] segTop = new double[n];
    double[] segBottom = new double[n];
    double y = top;
    for (int i = n - 1; i >= 0; i--) {
      VmaRow v = vmas.get(i);
      segTop[i] = y;
      segBottom[i] = y + heights[i];
      y = segBottom[i];
      segments.add(new Segment(v, SegmentKind.of(v), segTop[i], segBottom[i]));
      if (i > 0) {
        y += heights[n + i - 1];
      }
    }
    double bottom = y;
    List<Label> labels = labels(vmas, groups, segTop, segBottom, top, bottom, digits);
    return new Region(vmas.get(0).start(), vmas.get(n - 1).end(), top, bottom, segments, labels);
  }

  /**
   * Heights of the VMAs ([0, n)) and of the gaps between them ([n, 2n-1)) so that the region is
   * {@code h} px high, to scale except that no VMA is below MIN_SEGMENT.
   */
  private static double[] scale(List<VmaRow> vmas, double h) {
    int n = vmas.size();
    double[] bytes = new double[2 * n - 1];
    for (int i = 0; i < n; i++) {
      bytes[i] = unsigned(vmas.get(i).size());
      if (i > 0) {
        bytes[n + i - 1] = unsigned(vmas.get(i).start() - vmas.get(i - 1).end());
      }
    }
    double total = 0;
    for (double b : bytes) {
      total += b;
    }
    double k = h / total;
    for (int round = 0; round < 8; round++) {
      double fixed = 0;
      double rest = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (i < n && bytes[i] * k < MIN_SEGMENT) {
          fixed += MIN_SEGMENT;
        } else {
          rest += bytes[i];
        }
      }
      if (rest <= 0 || h - fixed <= 0) {
        break;
      }
      k = (h - fixed) / rest;
    }
    double[] out = new double[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = i < n ? Math.max(MIN_SEGMENT, bytes[i] * k) : bytes[i] * k;
    }
    return out;
  }

  /** Label groups [first, last] of VMA indexes: one per VMA when few, else runs of one name. */
  private static List<int[]> groups(List<VmaRow> vmas) {
    List<int[]> groups = new ArrayList<>();
    if (vmas.size() <= GROUP_ABOVE) {
      for (int i = 0; i < vmas.size(); i++) {
        groups.add(new int[] {i, i});
      }
      return groups;
    }
    int first = 0;
    for (int i = 1; i <= vmas.size(); i++) {
      if (i == vmas.size() || !vmas.get(i).name().equals(vmas.get(first).name())
          || vmas.get(i).start() != vmas.get(i - 1).end()) {
        groups.add(new int[] {first, i - 1});
        first = i;
      }
    }
    return groups;
  }

  private static List<int[]> largest(List<VmaRow> vmas, List<int[]> groups) {
    List<int[]> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparingDouble((int[] g) -> -unsigned(vmas.get(g[1]).end() - vmas.get(g[0]).start()))
        .thenComparingInt(g -> g[0]));
    List<int[]> kept = new ArrayList<>(sorted.subList(0, MAX_LABELS_PER_REGION));
    kept.sort(Comparator.comparingInt(g -> g[0]));
    return kept;
  }

  private static List<Label> labels(List<VmaRow> vmas, List<int[]> groups, double[] segTop, double[] segBottom,
      double top, double bottom, int digits) {
    int m = groups.size();
    double[] anchor = new double[m];
    double[] y = new double[m];
    String[] text = new String[m];
    // Index 0 is the highest group (drawn first, at the top).
    for (int j = 0; j < m; j++) {
      int[] g = groups.get(m - 1 - j);
      anchor[j] = (segTop[g[1]] + segBottom[g[0]]) / 2;
      text[j] = text(vmas, g, digits);
    }
    double lo = top + LINE / 2;
    double hi = bottom - LINE / 2;
    for (int j = 0; j < m; j++) {
      y[j] = Math.max(anchor[j], j == 0 ? lo : y[j - 1] + LINE);
    }
    for (int j = m - 1; j >= 0; j--) {
      y[j] = Math.min(y[j], j == m - 1 ? hi : y[j + 1] - LINE);
    }
    List<Label> labels = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      labels.add(new Label(text[j], anchor[j], y[j]));
    }
    return labels;
  }

  private static String text(List<VmaRow> vmas, int[] g, int digits) {
    VmaRow first = vmas.get(g[0]);
    VmaRow last = vmas.get(g[1]);
    int count = g[1] - g[0] + 1;
    String perms = count == 1 ? first.perms() : count + " VMAs";
    String name = first.name().isEmpty() ? "[anon]" : shorten(first.name());
    return String.format(Locale.ROOT, "%s %-7s %11s %s", pad(first.start(), digits), perms,
        Sizes.of(last.end() - first.start()), name);
  }

  private static String shorten(String name) {
    return name.length() <= 48 ? name : "..." + name.substring(name.length() - 45);
  }

  /** {@code 0x} and {@code digits} hex digits, zero-padded. */
  static String pad(long address, int digits) {
    String hex = Long.toHexString(address);
    return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
  }

  private static double log2(double x) {
    return x <= 0 ? 0 : Math.log(x) / Math.log(2);
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0;
  }

  private static long maxUnsigned(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** The title line. */
  public String title() {
    return title;
  }

  /** The line under the title. */
  public String subtitle() {
    return subtitle;
  }

  /** The to-scale regions, highest addresses first. */
  public List<Region> regions() {
    return regions;
  }

  /** The compressed gaps, highest addresses first. */
  public List<Break> breaks() {
    return breaks;
  }

  /** The kinds of segment present, for the legend. */
  public Set<SegmentKind> kinds() {
    return kinds;
  }

  /** Canvas width, px. */
  public int width() {
    return (int) Math.ceil(width);
  }

  /** Canvas height, px. */
  public int height() {
    return (int) Math.ceil(height);
  }

  /** How many hex digits addresses are padded to. */
  public int addressDigits() {
    return addressDigits;
  }
}
