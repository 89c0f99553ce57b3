package io.vmlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vmlab.app.trace.io.TraceInput;
import io.vmlab.app.trace.lackey.LackeyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The lackey reader: kinds, page splitting, banner lines, buffer refills, compression. */
class LackeyReaderTest {
  @TempDir
  Path tmp;

  private long[] parse(String text, int buffer, int batch) {
    Path f = TraceFiles.write(tmp.resolve("t" + System.nanoTime() + ".lackey"), text, "plain");
    try (LackeyReader r = new LackeyReader(TraceInput.open(f), buffer)) {
      return TraceFiles.readAll(r, batch);
    }
  }

  @Test
  void kindsAndPages() {
    long[] refs = parse("==1== banner\nI  04000b30,3\n L 1ffefff8,8\n S 0,1\n M 00001000,4\n", 1 << 16, 64);
    assertArrayEquals(new long[] {
        PageRef.of(0x4000, AccessKind.EXEC), PageRef.of(0x1ffef, AccessKind.READ),
        PageRef.of(0, AccessKind.WRITE), PageRef.of(1, AccessKind.MODIFY)}, refs);
    assertEquals(true, PageRef.isWrite(refs[3]));
    assertEquals(false, PageRef.isWrite(refs[1]));
  }

  @Test
  void accessCrossingAPageBoundaryIsTwoReferencesInAddressOrder() {
    long[] refs = parse("I  0ffe,4\n L 1fff,2\n S 2ffc,4\n M 3ff8,8\n", 1 << 16, 64);
    assertArrayEquals(new long[] {
        PageRef.of(0, AccessKind.EXEC), PageRef.continuation(1, AccessKind.EXEC),
        PageRef.of(1, AccessKind.READ), PageRef.continuation(2, AccessKind.READ),
        PageRef.of(2, AccessKind.WRITE),
        PageRef.of(3, AccessKind.MODIFY)}, refs);
  }

  @Test
  void accessSpanningManyPagesGivesOnePerPageEvenAcrossBatches() {
    // 0x0fff + 70000 bytes: pages 0..18; a batch of 16 forces the rest into the next batch.
    long[] refs = parse(" S fff,70000\nI  5000,1\n", 1 << 16, 16);
    long[] expect = LongStream.concat(
        LongStream.concat(LongStream.of(PageRef.of(0, AccessKind.WRITE)),
            LongStream.rangeClosed(1, (0xfffL + 70000 - 1) >>> 12).map(p -> PageRef.continuation(p, AccessKind.WRITE))),
        LongStream.of(PageRef.of(5, AccessKind.EXEC))).toArray();
    assertArrayEquals(expect, refs);
  }

  @Test
  void highestAddressesAreUnsigned() {
    long[] refs = parse(" L ffffffffffffffff,1\nI  fffffffffffff000,4096\n", 1 << 16, 16);
    assertArrayEquals(new long[] {PageRef.of(-1L >>> 12, AccessKind.READ), PageRef.of(-1L >>> 12, AccessKind.EXEC)}, refs);
  }

  static Stream<Arguments> seeds() {
    return LongStream.of(1, 2, 3, 42, 20240501).mapToObj(s -> Arguments.of(s));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomLogsParseToTheExpectedStreamWhateverTheBufferAndBatch(long seed) {
    TraceFiles.Lackey t = TraceFiles.randomLackey(seed, 5000);
    for (int[] cfg : new int[][] {{64, 16}, {100, 17}, {4096, 1000}, {1 << 20, 1 << 16}}) {
      Path f = TraceFiles.write(tmp.resolve("r" + seed + "-" + cfg[0] + ".lackey"), t.text(), "plain");
      try (LackeyReader r = new LackeyReader(TraceInput.open(f), cfg[0])) {
        assertArrayEquals(t.refs(), TraceFiles.readAll(r, cfg[1]), "seed " + seed + " buffer " + cfg[0] + " batch " + cfg[1]);
        assertEquals(t.lines(), r.lines(), "lines, seed " + seed);
        assertEquals(t.skipped(), r.skippedLines(), "skipped, seed " + seed);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void plainGzipAndZstdGiveIdenticalStreams(long seed) {
    TraceFiles.Lackey t = TraceFiles.randomLackey(seed, 20000);
    for (String how : new String[] {"plain", "gzip", "zstd"}) {
      // Names that lie: detection is by magic bytes only.
      Path f = TraceFiles.write(tmp.resolve("trace-" + seed + "-" + how + ".txt"), t.text(), how);
      TraceSource src = TraceSource.open(f);
      assertEquals(TraceFormat.LACKEY, src.format(), how);
      assertEquals(how.equals("plain") ? "none" : how, src.compression().id());
      assertArrayEquals(t.refs(), TraceFiles.readAll(src, 4096), how + ", seed " + seed);
    }
  }

  @Test
  void rereadingStartsAgain() {
    TraceFiles.Lackey t = TraceFiles.randomLackey(7, 1000);
    TraceSource src = TraceSource.open(TraceFiles.write(tmp.resolve("x.zst"), t.text(), "zstd"));
    assertArrayEquals(TraceFiles.readAll(src, 64), TraceFiles.readAll(src, 100));
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 15})
  void batchesSmallerThanTheMinimumAreRefused(int batch) {
    Path f = TraceFiles.write(tmp.resolve("b.lackey"), "I  0,1\n", "plain");
    try (LackeyReader r = LackeyReader.open(f)) {
      assertThrows(IllegalArgumentException.class, () -> r.read(new long[batch]));
    }
  }

  @Test
  void emptyFileIsAnEmptyTrace() throws Exception {
    Path f = tmp.resolve("empty.lackey");
    Files.write(f, new byte[0]);
    try (LackeyReader r = LackeyReader.open(f)) {
      assertEquals(-1, r.read(new long[16]));
      assertEquals(0, r.lines());
    }
  }
}
