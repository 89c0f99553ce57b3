package io.vmlab.app.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad, truncated and garbled traces: one {@code file:line:col: message} line, exit code 2, no
 * stack trace, and no output file left by {@code vmlab trace convert}.
 */
class BadTraceTest {
  @TempDir
  Path tmp;

  static Stream<Arguments> badLackey() {
    String ok = "==9== banner\nI  04000b30,3\n";
    return Stream.of(
        Arguments.of(ok + " X 1000,4\n", ":3:2: unknown line type: 'X'"),
        Arguments.of(ok + "Q  1000,4\n", ":3:1: unknown line type: 'Q'"),
        Arguments.of(ok + "I 1000,4\n", ":3:3: unknown line type"),
        Arguments.of(ok + " L 10g0,4\n", ":3:6: bad hex digit 'g' in the address"),
        Arguments.of(ok + " L 0x1000,4\n", ":3:5: bad hex digit 'x'"),
        // Bytes the 8-digits-at-once check must refuse: a control byte that folds onto a digit, a high byte.
        Arguments.of(ok + " L 0401\u0013b70,4\n", ":3:8: bad hex digit byte 0x13"),
        Arguments.of(ok + " L 0401\u00b0b70,4\n", ":3:8: bad hex digit byte 0xb0"),
        Arguments.of(ok + " L 0401:b70,4\n", ":3:8: bad hex digit ':'"),
        Arguments.of(ok + " L 0401Gb70,4\n", ":3:8: bad hex digit 'G'"),
        Arguments.of(ok + " L 1000 4\n", ":3:8: bad hex digit a space"),
        Arguments.of(ok + " L 1000\n", ":3:8: missing comma and size after the address"),
        Arguments.of(ok + " L ,4\n", ":3:4: bad hex digit ','"),
        Arguments.of(ok + " S 1000,0\n", ":3:9: size 0"),
        Arguments.of(ok + " S 1000,\n", ":3:9: missing size after the comma"),
        Arguments.of(ok + " S 1000,4x\n", ":3:10: bad size: 'x' after the digits"),
        Arguments.of(ok + " S 1000,-4\n", ":3:9: bad size: '-'"),
        Arguments.of(ok + " S 11112222333344445,4\n", ":3:4: address longer than 16 hex digits"),
        Arguments.of(ok + " M ffffffffffffffff,2\n", ":3:4: access of 2 bytes at ffffffffffffffff wraps"),
        Arguments.of(ok + "\n", ":3:1: empty line"),
        Arguments.of(ok + " L 1000,4", ":3:10: truncated last line (no newline at the end of the file)"),
        Arguments.of(ok + "I  04000b", ":3:10: truncated last line"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badLackey")
  void badLackeyLinesNameFileLineAndColumn(String text, String expected) {
    for (String how : new String[] {"plain", "gzip", "zstd"}) {
      Path f = TraceFiles.write(tmp.resolve("bad-" + how + ".lackey"), text, how);
      TraceError e = assertThrows(TraceError.class, () -> TraceFiles.readAll(TraceSource.open(f, TraceFormat.LACKEY), 16));
      String line = e.lines().get(0);
      assertEquals(1, e.lines().size());
      assertTrue(line.startsWith(f + ":"), line);
      assertTrue(line.contains(expected), how + ": expected '" + expected + "' in: " + line);
      assertEquals(3, e.line());
    }
  }

  @Test
  void badLineDeepInABigFileHasItsRightNumberAcrossBufferRefills() throws Exception {
    TraceFiles.Lackey t = TraceFiles.randomLackey(11, 200_000);
    String text = t.text() + " L 12z4,4\n" + "I  1000,4\n".repeat(10);
    Path f = TraceFiles.write(tmp.resolve("deep.zst"), text, "zstd");
    CliRun.Result r = CliRun.vmlab("trace", "stats", f.toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals(f + ":" + (t.lines() + 1) + ":6: bad hex digit 'z' in the address (expected hex digits then a comma)",
        r.errLines().get(0));
  }

  static Stream<Arguments> seeds() {
    return LongStream.of(5, 6, 7, 8).mapToObj(Arguments::of);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void truncatedCompressedFilesAreErrorsNotStackTraces(long seed) throws Exception {
    TraceFiles.Lackey t = TraceFiles.randomLackey(seed, 50_000);
    SplittableRandom r = new SplittableRandom(seed);
    for (String how : new String[] {"gzip", "zstd", "plain"}) {
      Path whole = TraceFiles.write(tmp.resolve("whole-" + how), t.text(), how);
      byte[] b = Files.readAllBytes(whole);
      Path cut = tmp.resolve("cut-" + seed + "-" + how);
      int len = 10 + r.nextInt(b.length - 20);
      if (how.equals("plain") && b[len - 1] == '\n') {
        len--;
      }
      Files.write(cut, Arrays.copyOf(b, len));
      Path out = tmp.resolve("out-" + seed + "-" + how + ".vmtrace");
      CliRun.Result res = CliRun.vmlab("trace", "convert", cut.toString(), out.toString());
      assertEquals(2, res.code(), "seed " + seed + " " + how + ": " + res);
      assertEquals(1, res.errLines().size(), res.toString());
      assertTrue(res.errLines().get(0).startsWith(cut + ":"), res.toString());
      assertFalse(res.err().contains("\tat "), "no stack trace: " + res);
      assertFalse(Files.exists(out), "no partial output");
      try (Stream<Path> left = Files.list(tmp)) {
        assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void garbledBytesAreReportedWithTheirLine(long seed) throws Exception {
    TraceFiles.Lackey t = TraceFiles.randomLackey(seed, 20_000);
    byte[] b = t.text().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    SplittableRandom r = new SplittableRandom(seed);
    int at = 200 + r.nextInt(b.length - 400);
    while (b[at] == '\n' || b[lineStart(b, at)] == '=') {
      at++;
    }
    b[at] = (byte) (r.nextBoolean() ? 'Z' : 0);
    long line = 1;
    for (int i = 0; i < at; i++) {
      line += b[i] == '\n' ? 1 : 0;
    }
    Path f = tmp.resolve("garbled-" + seed + ".lackey");
    Files.write(f, b);
    TraceError e = assertThrows(TraceError.class, () -> TraceFiles.readAll(TraceSource.open(f, TraceFormat.LACKEY), 1024));
    assertEquals(line, e.line(), "seed " + seed + ": " + e.getMessage());
  }

  private static int lineStart(byte[] b, int i) {
    while (i > 0 && b[i - 1] != '\n') {
      i--;
    }
    return i;
  }

  @Test
  void missingFileAndDirectory() {
    CliRun.Result r = CliRun.vmlab("trace", "stats", tmp.resolve("nope.zst").toString());
    assertEquals(2, r.code());
    assertEquals(tmp.resolve("nope.zst") + ": no such file", r.errLines().get(0));
    r = CliRun.vmlab("trace", "stats", tmp.toString());
    assertEquals(2, r.code());
    assertEquals(tmp + ": is a directory", r.errLines().get(0));
  }

  @Test
  void badPageListToken() throws Exception {
    Path f = tmp.resolve("pages.txt");
    Files.writeString(f, "# exercise\n1,2,3\n4 5x 6\n");
    CliRun.Result r = CliRun.vmlab("trace", "stats", f.toString());
    assertEquals(2, r.code());
    assertEquals(f + ":3:4: bad page number: unexpected 'x' (a page is a number, optionally followed by w or r)",
        r.errLines().get(0));
  }
}
