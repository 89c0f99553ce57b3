package io.vmlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Page lists: separators, hex, write suffixes, comments, format detection. */
class PageListReaderTest {
  @TempDir
  Path tmp;

  private TraceSource source(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return TraceSource.open(f);
  }

  private static long[] reads(long... pages) {
    return LongStream.of(pages).map(p -> PageRef.of(p, AccessKind.READ)).toArray();
  }

  @Test
  void beladyStringOnOneLine() throws Exception {
    TraceSource src = source("belady.txt", "1,2,3,4,1,2,5,1,2,3,4,5");
    assertEquals(TraceFormat.PAGES, src.format());
    assertArrayEquals(reads(1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5), TraceFiles.readAll(src, 16));
  }

  @Test
  void onePerLineWithWritesHexCommentsAndBlanks() throws Exception {
    TraceSource src = source("ex.pages", "# textbook exercise\n\n7\n0x10w\n 3W  # a write\n2r\r\n\n1, 2 3\t4\n9");
    long[] refs = TraceFiles.readAll(src, 16);
    assertArrayEquals(new long[] {
        PageRef.of(7, AccessKind.READ), PageRef.of(16, AccessKind.WRITE), PageRef.of(3, AccessKind.WRITE),
        PageRef.of(2, AccessKind.READ), PageRef.of(1, AccessKind.READ), PageRef.of(2, AccessKind.READ),
        PageRef.of(3, AccessKind.READ), PageRef.of(4, AccessKind.READ), PageRef.of(9, AccessKind.READ)}, refs);
    try (TraceReader r = src.reader()) {
      TraceFiles.readAll(r, 16);
      assertEquals(9, r.lines());
      assertEquals(3, r.skippedLines());
    }
  }

  @Test
  void largestPageAndOneTooMany() throws Exception {
    assertArrayEquals(reads(0xfffffffffffffL), TraceFiles.readAll(source("max.txt", "0xfffffffffffff\n"), 16));
    TraceError e = org.junit.jupiter.api.Assertions.assertThrows(TraceError.class,
        () -> TraceFiles.readAll(source("big.txt", "1\n4503599627370496\n"), 16));
    assertEquals(tmp.resolve("big.txt") + ":2:1: page number too large (the largest is 0xfffffffffffff)", e.getMessage());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void randomListsInEverySeparatorStyleAndManyBatches(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 50_000;
    long[] expect = new long[n];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      long page = r.nextInt(4) == 0 ? r.nextLong() >>> 12 : r.nextInt(100);
      boolean write = r.nextBoolean();
      expect[i] = PageRef.of(page, write ? AccessKind.WRITE : AccessKind.READ);
      sb.append(r.nextBoolean() ? Long.toString(page) : "0x" + Long.toHexString(page)).append(write ? "w" : "");
      sb.append(switch (r.nextInt(4)) {
        case 0 -> "\n";
        case 1 -> ",";
        case 2 -> " ";
        default -> " # note\n";
      });
    }
    TraceSource src = source("rand" + seed + ".txt", sb.toString());
    assertEquals(TraceFormat.PAGES, src.format());
    assertArrayEquals(expect, TraceFiles.readAll(src, 16), "seed " + seed);
    assertArrayEquals(expect, TraceFiles.readAll(src, 1 << 14), "seed " + seed);
    assertEquals(n, Arrays.stream(TraceFiles.readAll(src, 100)).count());
  }

  @Test
  void detectionLooksAtTheFirstDataLine() throws Exception {
    assertEquals(TraceFormat.LACKEY, source("a", "# recorded by me\n\nI  04000b30,3\n").format());
    assertEquals(TraceFormat.LACKEY, source("b", " L 1ffefff8,8\n").format());
    assertEquals(TraceFormat.LACKEY, source("c", "==123== Lackey\n").format());
    assertEquals(TraceFormat.PAGES, source("d", "12\nI  04000b30,3\n").format());
    assertEquals(TraceFormat.PAGES, source("e", "").format());
    assertEquals(TraceFormat.PAGES, source("f", "# nothing\n").format());
    // Forced: a page list read as lackey fails on its first line.
    Path f = tmp.resolve("d");
    TraceError e = org.junit.jupiter.api.Assertions.assertThrows(TraceError.class,
        () -> TraceFiles.readAll(TraceSource.open(f, TraceFormat.LACKEY), 16));
    assertEquals(1, e.line());
  }
}
