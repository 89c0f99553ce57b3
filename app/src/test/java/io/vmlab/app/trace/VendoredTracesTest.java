package io.vmlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.trace.binary.BinaryHeader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real traces vendored in traces/ give exactly the counts their README (copied from the
 * recording notes) states: lines, accesses by kind, page references after splitting, spanning
 * accesses and distinct pages; and the binary form records and reproduces them.
 */
class VendoredTracesTest {
  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // file, lines, I, L, S, M, page refs, spanning accesses, distinct pages
    "ls.lackey.zst,   1214711,  897742,  213158, 100596,  3190,  1215528, 842, 321",
    "gzip.lackey.zst, 10618550, 8204067, 1760598, 631326, 22534, 10618679, 154, 221"
  })
  void countsMatchTheRecordingNotes(String name, long lines, long i, long l, long s, long m, long refs,
      long spanning, long pages) {
    TraceSource src = TraceSource.open(TraceFiles.vendored(name));
    assertEquals(TraceFormat.LACKEY, src.format());
    TraceSummary sum = TraceSummary.of(src);
    assertEquals(lines, sum.lines(), "lines");
    assertEquals(25, sum.skippedLines(), "banner lines");
    assertEquals(Map.of("I", i, "L", l, "S", s, "M", m), sum.accesses());
    assertEquals(i + l + s + m, sum.accessesTotal());
    assertEquals(refs, sum.references(), "page refs after splitting");
    assertEquals(spanning, sum.splitReferences(), "spanning accesses");
    assertEquals(pages, sum.distinctPages(), "distinct pages");
    assertEquals(pages * 4096, sum.footprintBytes());

    Path bin = tmp.resolve(name + ".vmtrace");
    BinaryHeader h = TraceConverter.convert(src, bin, 3);
    assertTrue(sum.matches(h), "binary header counts");
    TraceSummary back = TraceSummary.of(TraceSource.open(bin));
    assertEquals(sum.accesses(), back.accesses());
    assertEquals(sum.referencesByKind(), back.referencesByKind());
    assertEquals(sum.lines(), back.lines());
    assertEquals(sum.distinctPages(), back.distinctPages());
    assertEquals(sum.lowestAddress(), back.lowestAddress());
    assertEquals(sum.highestAddress(), back.highestAddress());
  }
}
