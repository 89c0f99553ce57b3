package io.vmlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.app.trace.opt.NextUseIndex;
import io.vmlab.app.trace.opt.NextUseReader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Next-use positions for OPT match a brute-force computation, across blocks and batches. */
class NextUseTest {
  @TempDir
  Path tmp;

  /** next[i] = the smallest j > i with the same page, else NEVER; computed the slow, obvious way. */
  private static long[] bruteForce(long[] refs) {
    long[] next = new long[refs.length];
    Map<Long, Long> seen = new HashMap<>();
    for (int i = refs.length - 1; i >= 0; i--) {
      Long j = seen.put(PageRef.page(refs[i]), (long) i);
      next[i] = j == null ? NextUseIndex.NEVER : j;
    }
    return next;
  }

  private static long[][] readAll(NextUseIndex idx, int batch) {
    long[] refs = new long[batch];
    long[] next = new long[batch];
    long[] allRefs = new long[0];
    long[] allNext = new long[0];
    try (NextUseReader r = idx.reader()) {
      int n;
      while ((n = r.read(refs, next)) > 0) {
        int old = allRefs.length;
        allRefs = Arrays.copyOf(allRefs, old + n);
        allNext = Arrays.copyOf(allNext, old + n);
        System.arraycopy(refs, 0, allRefs, old, n);
        System.arraycopy(next, 0, allNext, old, n);
        assertEquals(old + n, r.position());
      }
    }
    return new long[][] {allRefs, allNext};
  }

  @Test
  void beladyString() throws Exception {
    Path f = tmp.resolve("belady.txt");
    Files.writeString(f, "1,2,3,4,1,2,5,1,2,3,4,5\n");
    try (NextUseIndex idx = NextUseIndex.build(TraceSource.open(f), tmp.resolve("t"))) {
      long n = NextUseIndex.NEVER;
      assertArrayEquals(new long[] {4, 5, 9, 10, 7, 8, 11, n, n, n, n, n}, readAll(idx, 16)[1]);
    }
  }

  static Stream<Arguments> seeds() {
    return LongStream.of(1, 2, 3, 17).mapToObj(Arguments::of);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomTracesAcrossManyBlocks(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    int n = 30_000;
    for (int i = 0; i < n; i++) {
      sb.append(r.nextInt(8) == 0 ? r.nextInt(5000) : r.nextInt(40)).append(r.nextInt(3) == 0 ? "w" : "").append('\n');
    }
    Path f = tmp.resolve("r" + seed + ".txt");
    Files.writeString(f, sb);
    // A binary with small blocks, so that the backward pass crosses many block boundaries.
    Path bin = tmp.resolve("r" + seed + ".vmt");
    try (FileChannel ch = FileChannel.open(bin, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      TraceConverter.write(TraceSource.open(f), ch, 1, 777);
    }
    long[] refs = TraceFiles.readAll(TraceSource.open(f), 1024);
    long[] expect = bruteForce(refs);
    for (TraceSource src : new TraceSource[] {TraceSource.open(bin), TraceSource.open(f)}) {
      try (NextUseIndex idx = NextUseIndex.build(src, tmp.resolve("t"))) {
        assertEquals(n, idx.references());
        for (int batch : new int[] {16, 1000, 5000}) {
          long[][] got = readAll(idx, batch);
          assertArrayEquals(refs, got[0], "seed " + seed + " batch " + batch);
          assertArrayEquals(expect, got[1], "seed " + seed + " batch " + batch);
        }
      }
    }
    try (var left = Files.list(tmp.resolve("t"))) {
      assertEquals(0, left.count(), "temporary files deleted on close");
    }
  }
}
