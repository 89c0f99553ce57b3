package io.vmlab.app.trace;

import com.github.luben.zstd.ZstdOutputStream;
import io.vmlab.app.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Test traces: the vendored real ones, and seeded random lackey logs with their expected references. */
final class TraceFiles {
  private TraceFiles() {}

  /** A vendored trace under traces/. */
  static Path vendored(String name) {
    return TestPaths.home().resolve("traces").resolve(name);
  }

  /** A random lackey log and the references a correct reader must produce from it. */
  record Lackey(String text, long[] refs, long lines, long skipped) {}

  /**
   * A lackey log of {@code accesses} random accesses (kinds I/L/S/M, addresses near page
   * boundaries, at a few far-apart regions and anywhere, sizes 1-64, some upper-case hex and
   * leading zeros) with a valgrind banner, from {@code seed}.
   */
  static Lackey randomLackey(long seed, int accesses) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    long[] refs = new long[accesses * 2];
    int n = 0;
    long lines = 0;
    long skipped = 0;
    sb.append("==4242== Lackey, an example Valgrind tool\n==4242== \n");
    lines += 2;
    skipped += 2;
    long[] regions = {0x04000000L, 0x1ffefff000L, 0x108000L, 0x7fff_ffff_f000L, 0xffff_ffff_ffff_e000L};
    for (int i = 0; i < accesses; i++) {
      int kind = r.nextInt(4);
      long addr = switch (r.nextInt(4)) {
        case 0 -> regions[r.nextInt(regions.length)] + r.nextInt(0x3000);
        case 1 -> (regions[r.nextInt(regions.length)] | 0xfff) - r.nextInt(40) + 1;
        case 2 -> r.nextLong() & 0x0000_7fff_ffff_ffffL;
        default -> regions[r.nextInt(regions.length)] + r.nextInt(64);
      };
      int size = 1 + r.nextInt(r.nextInt(8) == 0 ? 64 : 8);
      if (Long.compareUnsigned(addr + size - 1, addr) < 0) {
        addr -= size;
      }
      String hex = Long.toHexString(addr);
      if (r.nextInt(3) == 0) {
        hex = "0".repeat(r.nextInt(16 - hex.length() + 1)) + hex;
      }
      if (r.nextInt(5) == 0) {
        hex = hex.toUpperCase(java.util.Locale.ROOT);
      }
      sb.append(kind == 0 ? "I  " : " " + AccessKind.letter(kind) + " ").append(hex).append(',').append(size).append('\n');
      lines++;
      long first = addr >>> 12;
      long last = (addr + size - 1) >>> 12;
      refs[n++] = PageRef.of(first, kind);
      for (long p = first + 1; Long.compareUnsigned(p, last) <= 0 && p != 0; p++) {
        refs[n++] = PageRef.continuation(p, kind);
      }
      if (r.nextInt(1000) == 0) {
        sb.append("==4242== some valgrind message\n");
        lines++;
        skipped++;
      }
    }
    return new Lackey(sb.toString(), Arrays.copyOf(refs, n), lines, skipped);
  }

  /** Writes {@code text} to {@code file} compressed as {@code how}: plain, gzip or zstd. */
  static Path write(Path file, String text, String how) {
    byte[] plain = text.getBytes(StandardCharsets.ISO_8859_1);
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream o = switch (how) {
        case "plain" -> bytes;
        case "gzip" -> new GZIPOutputStream(bytes);
        case "zstd" -> new ZstdOutputStream(bytes, 3);
        default -> throw new IllegalArgumentException(how);
      }) {
        o.write(plain);
      }
      Files.write(file, bytes.toByteArray());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every reference of {@code source}, read with batches of {@code batch}. */
  static long[] readAll(TraceSource source, int batch) {
    try (TraceReader r = source.reader()) {
      return readAll(r, batch);
    }
  }

  /** Every reference {@code r} has left, read with batches of {@code batch}. */
  static long[] readAll(TraceReader r, int batch) {
    long[] b = new long[batch];
    long[] all = new long[1024];
    int total = 0;
    int n;
    while ((n = r.read(b)) > 0) {
      if (n > batch || n == 0) {
        throw new AssertionError("read returned " + n);
      }
      if (total + n > all.length) {
        all = Arrays.copyOf(all, Math.max(all.length * 2, total + n));
      }
      System.arraycopy(b, 0, all, total, n);
      total += n;
    }
    return Arrays.copyOf(all, total);
  }
}
