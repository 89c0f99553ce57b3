package io.vmlab.app.trace;

import java.util.Locale;
import java.util.Map;

/** The text form of a {@link TraceSummary}, one labelled line per fact. */
public final class TraceSummaryText {
  private TraceSummaryText() {}

  /** {@code s} as aligned lines. */
  public static String render(TraceSummary s) {
    StringBuilder sb = new StringBuilder();
    String packed = "none".equals(s.compression()) ? "" : ", " + s.compression();
    line(sb, "trace", s.file() + " (" + s.format() + packed + ")");
    line(sb, "lines", n(s.lines()) + " (" + n(s.skippedLines()) + " without a reference)");
    line(sb, "accesses", n(s.accessesTotal()) + ":  " + kinds(s.accesses()));
    line(sb, "page splits",
        n(s.splitReferences()) + " (extra references from accesses spanning a 4 KiB page boundary)");
    line(sb, "references", n(s.references()) + " after splitting:  " + kinds(s.referencesByKind()));
    line(sb, "distinct pages", n(s.distinctPages()));
    line(sb, "footprint", s.footprint() + " (" + n(s.distinctPages()) + " x 4 KiB)");
    line(sb, "address range", s.lowestAddress() == null ? "-" : s.lowestAddress() + " - " + s.highestAddress());
    return sb.toString();
  }

  private static String kinds(Map<String, Long> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "  ").append(k).append(' ').append(n(v)));
    return sb.toString();
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append(String.format(Locale.ROOT, "%-15s %s%n", label, value));
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
