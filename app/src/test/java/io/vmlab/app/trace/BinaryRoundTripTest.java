package io.vmlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.trace.binary.BinaryHeader;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The binary form gives back exactly the reference stream it was made from; corruption is caught. */
class BinaryRoundTripTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> seeds() {
    return LongStream.of(1, 2, 3, 99).mapToObj(Arguments::of);
  }

  /** Converts {@code src} to a binary file {@code name} with the given zstd level and block size. */
  private Path binary(TraceSource src, String name, int level, int blockRefs) throws Exception {
    Path out = tmp.resolve(name);
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      TraceConverter.write(src, ch, level, blockRefs);
    }
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomLackeyRoundTripsAtEveryLevelAndBlockSize(long seed) throws Exception {
    TraceFiles.Lackey t = TraceFiles.randomLackey(seed, 30_000);
    TraceSource src = TraceSource.open(TraceFiles.write(tmp.resolve("r" + seed + ".zst"), t.text(), "zstd"));
    Path whole = binary(src, "r" + seed + ".vmt", 3, 1 << 16);
    assertTrue(TraceSummary.of(src).matches(TraceSource.open(whole).binaryHeader()), "header counts, seed " + seed);
    for (int[] lb : new int[][] {{0, 1}, {0, 7}, {1, 1000}, {3, 7}, {3, 1 << 16}}) {
      int level = lb[0];
      int block = lb[1];
      Path bin = binary(src, "r" + seed + "-" + level + "-" + block + ".vmt", level, block);
      TraceSource b = TraceSource.open(bin);
      assertEquals(TraceFormat.BINARY, b.format());
      String what = "seed " + seed + " level " + level + " block " + block;
      assertArrayEquals(t.refs(), TraceFiles.readAll(b, 16), what);
      assertArrayEquals(t.refs(), TraceFiles.readAll(b, 4099), what);
      BinaryHeader h = b.binaryHeader();
      assertEquals(t.lines(), h.lines(), what);
      assertEquals(t.skipped(), h.skippedLines(), what);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomPageListsWithHugeJumpsRoundTrip(long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    long[] expect = new long[20_000];
    for (int i = 0; i < expect.length; i++) {
      long page = switch (r.nextInt(3)) {
        case 0 -> r.nextInt(64);
        case 1 -> 0xfffffffffffffL - r.nextInt(64);
        default -> r.nextLong() >>> 12;
      };
      boolean w = r.nextBoolean();
      expect[i] = PageRef.of(page, w ? AccessKind.WRITE : AccessKind.READ);
      sb.append(page).append(w ? "w\n" : "\n");
    }
    Path f = tmp.resolve("p" + seed + ".txt");
    Files.writeString(f, sb);
    Path bin = tmp.resolve("p" + seed + ".vmt");
    TraceConverter.convert(TraceSource.open(f), bin, 3);
    assertArrayEquals(expect, TraceFiles.readAll(TraceSource.open(bin), 16), "seed " + seed);
    // Converting the binary again gives the same bytes' meaning.
    Path again = tmp.resolve("p" + seed + "-again.vmt");
    TraceConverter.convert(TraceSource.open(bin), again, 0);
    assertArrayEquals(expect, TraceFiles.readAll(TraceSource.open(again), 100), "seed " + seed);
  }

  @Test
  void emptyTrace() throws Exception {
    Path f = tmp.resolve("empty.txt");
    Files.writeString(f, "# nothing\n");
    Path bin = tmp.resolve("empty.vmt");
    BinaryHeader h = TraceConverter.convert(TraceSource.open(f), bin, 3);
    assertEquals(0, h.references());
    assertEquals(0, TraceFiles.readAll(TraceSource.open(bin), 16).length);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void truncatedOrFlippedBinaryFilesAreErrors(long seed) throws Exception {
    TraceFiles.Lackey t = TraceFiles.randomLackey(seed, 20_000);
    TraceSource src = TraceSource.open(TraceFiles.write(tmp.resolve("c" + seed + ".lackey"), t.text(), "plain"));
    SplittableRandom r = new SplittableRandom(seed);
    for (int level : new int[] {0, 3}) {
      Path bin = binary(src, "c" + seed + "-" + level + ".vmt", level, 1000);
      byte[] b = Files.readAllBytes(bin);
      Path cut = tmp.resolve("cut.vmt");
      Files.write(cut, Arrays.copyOf(b, r.nextInt(b.length)));
      TraceError e = assertThrows(TraceError.class, () -> TraceFiles.readAll(TraceSource.open(cut, TraceFormat.BINARY), 64));
      assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
      // A flipped bit in a block's payload: caught by the checksum, the lengths or the decoder.
      byte[] flipped = b.clone();
      int at = 128 + 20 + r.nextInt(Math.min(500, b.length - 200));
      flipped[at] ^= (byte) (1 << r.nextInt(8));
      Path bad = tmp.resolve("flipped.vmt");
      Files.write(bad, flipped);
      e = assertThrows(TraceError.class, () -> TraceFiles.readAll(TraceSource.open(bad), 64), "seed " + seed + " at " + at);
      assertTrue(e.getMessage().contains("corrupt binary trace"), e.getMessage());
    }
  }
}
