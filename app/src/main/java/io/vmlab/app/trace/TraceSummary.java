package io.vmlab.app.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.trace.binary.BinaryHeader;
import io.vmlab.app.trace.lackey.LackeyReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code vmlab trace stats} reports about one trace (also its JSON form).
 *
 * @param file the trace file
 * @param format lackey, pages or binary
 * @param compression none, gzip or zstd (of the file as a whole)
 * @param lines input lines (for a binary trace: those of its source)
 * @param skippedLines lines without a reference (valgrind {@code ==pid==} lines, comments, blanks)
 * @param accesses accesses before splitting, by lackey letter (I, L, S, M)
 * @param accessesTotal all accesses before splitting
 * @param splitReferences extra references from accesses that span a page boundary
 * @param references references after splitting
 * @param referencesByKind references after splitting, by kind (exec, read, write, modify)
 * @param distinctPages distinct 4 KiB pages
 * @param footprintBytes distinct pages times 4096
 * @param footprint the footprint in binary units
 * @param lowestAddress the first byte of the lowest page referenced (hex)
 * @param highestAddress the last byte of the highest page referenced (hex)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceSummary(String file, String format, String compression, long lines, long skippedLines,
    Map<String, Long> accesses, long accessesTotal, long splitReferences, long references,
    Map<String, Long> referencesByKind, long distinctPages, long footprintBytes, String footprint,
    String lowestAddress, String highestAddress) {

  /** The summary of {@code source}, counted by streaming it once. */
  public static TraceSummary of(TraceSource source) {
    TraceStats s = new TraceStats();
    long lines;
    long skipped;
    long[] batch = new long[1 << 14];
    try (TraceReader r = source.reader()) {
      int n;
      while ((n = r.read(batch)) > 0) {
        s.add(batch, n);
      }
      lines = r.lines();
      skipped = r.skippedLines();
    }
    return of(source, s, lines, skipped);
  }

  /** The summary from counts already made. */
  public static TraceSummary of(TraceSource source, TraceStats s, long lines, long skipped) {
    Map<String, Long> acc = new LinkedHashMap<>();
    Map<String, Long> refs = new LinkedHashMap<>();
    for (int k = 0; k < AccessKind.COUNT; k++) {
      acc.put(String.valueOf(AccessKind.letter(k)), s.accesses(k));
      refs.put(AccessKind.name(k), s.references(k));
    }
    int shift = LackeyReader.PAGE_SHIFT;
    long footprint = s.distinctPages() << shift;
    boolean any = s.references() > 0;
    return new TraceSummary(source.path().toString(), source.format().id(), source.compression().id(), lines,
        skipped, acc, s.accesses(), s.continuations(), s.references(), refs, s.distinctPages(), footprint,
        Sizes.of(footprint), any ? hex(s.minPage() << shift) : null,
        any ? hex((s.maxPage() << shift) + (1L << shift) - 1) : null);
  }

  /** Whether the counts match those a binary trace's header records (a consistency check). */
  public boolean matches(BinaryHeader h) {
    return h.references() == references && h.lines() == lines && h.skippedLines() == skippedLines
        && h.distinctPages() == distinctPages && h.continuations() == splitReferences
        && h.accesses()[0] == accesses.get("I") && h.accesses()[1] == accesses.get("L")
        && h.accesses()[2] == accesses.get("S") && h.accesses()[3] == accesses.get("M");
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }
}
