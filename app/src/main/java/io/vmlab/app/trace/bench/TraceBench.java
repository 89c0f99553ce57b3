package io.vmlab.app.trace.bench;

import io.vmlab.app.trace.TraceConverter;
import io.vmlab.app.trace.TraceFormat;
import io.vmlab.app.trace.TraceReader;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.binary.BinaryFormat;
import io.vmlab.app.trace.binary.BinaryTraceReader;
import io.vmlab.app.trace.io.TraceInput;
import io.vmlab.app.trace.opt.NextUseIndex;
import io.vmlab.app.trace.opt.NextUseReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Times the trace layer on one file, single-threaded, streaming: (1) decompression alone, (2)
 * lackey (or page-list) parsing into page references, (3) conversion to the binary form, (4)
 * reading the binary form, (5) optionally the next-use pass for OPT and reading it back.
 */
public final class TraceBench {
  private static final int BATCH = 1 << 16;

  private final TraceSource source;
  private final Path tempDir;
  private final int level;
  private final boolean opt;
  private final Consumer<String> progress;
  /** Defeats dead-code elimination: every reference read is folded in. */
  private long checksum;

  /** A benchmark of {@code source}, with temporary files in {@code tempDir}, binary blocks at zstd {@code level}. */
  public TraceBench(TraceSource source, Path tempDir, int level, boolean opt, Consumer<String> progress) {
    this.source = source;
    this.tempDir = tempDir;
    this.level = level;
    this.opt = opt;
    this.progress = progress;
  }

  /** Runs every stage; returns them in order. */
  public List<Stage> run() throws IOException {
    resetPeaks();
    List<Stage> stages = new ArrayList<>();
    Path bin = source.path();
    boolean text = source.format() != TraceFormat.BINARY;
    Path tmp = null;
    try {
      if (text) {
        stages.add(report(decompress()));
        stages.add(report(parse()));
        Files.createDirectories(tempDir);
        tmp = Files.createTempFile(tempDir, "vmlab-bench-", ".vmtrace");
        tmp.toFile().deleteOnExit();
        stages.add(report(convert(tmp)));
        bin = tmp;
      }
      stages.add(report(readBinary(bin)));
      if (opt) {
        stages.addAll(nextUse(bin));
      }
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
    return stages;
  }

  private Stage report(Stage s) {
    progress.accept(String.format(java.util.Locale.ROOT, "  %s: %.2f s (cpu %.2f s)", s.name(), s.seconds(),
        s.cpuSeconds()));
    return s;
  }

  private Stage decompress() {
    byte[] buf = new byte[1 << 20];
    long a0 = allocated();
    long t0 = System.nanoTime();
    long c0 = cpu();
    long bytes = 0;
    try (TraceInput in = TraceInput.open(source.path())) {
      int n;
      while ((n = in.readFully(buf, 0, buf.length)) > 0) {
        bytes += n;
        checksum += buf[n - 1];
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    return new Stage("decompress (" + source.compression().id() + ")", s, (cpu() - c0) / 1e9, 0, 0, bytes,
        allocated() - a0);
  }

  private Stage parse() {
    long[] batch = new long[BATCH];
    long a0 = allocated();
    long t0 = System.nanoTime();
    long c0 = cpu();
    long refs = 0;
    long lines;
    long sum = 0;
    try (TraceReader r = source.reader()) {
      int n;
      while ((n = r.read(batch)) > 0) {
        refs += n;
        sum += batch[n - 1] + batch[0];
      }
      lines = r.lines();
    }
    checksum += sum;
    double s = (System.nanoTime() - t0) / 1e9;
    return new Stage("parse " + source.format().id() + " (decompress + parse + split)", s, (cpu() - c0) / 1e9,
        lines, refs, 0,
        allocated() - a0);
  }

  private Stage convert(Path out) throws IOException {
    long a0 = allocated();
    long t0 = System.nanoTime();
    long c0 = cpu();
    long refs;
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      refs = TraceConverter.write(source, ch, level, BinaryFormat.DEFAULT_BLOCK_REFS).references();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    return new Stage("convert to binary (zstd " + level + ")", s, (cpu() - c0) / 1e9, 0, refs, Files.size(out),
        allocated() - a0);
  }

  private Stage readBinary(Path bin) throws IOException {
    long[] batch = new long[BATCH];
    long a0 = allocated();
    long t0 = System.nanoTime();
    long c0 = cpu();
    long refs = 0;
    long sum = 0;
    try (BinaryTraceReader r = BinaryTraceReader.open(bin)) {
      int n;
      while ((n = r.read(batch)) > 0) {
        refs += n;
        for (int i = 0; i < n; i++) {
          sum += batch[i];
        }
      }
    }
    checksum += sum;
    double s = (System.nanoTime() - t0) / 1e9;
    return new Stage("read binary", s, (cpu() - c0) / 1e9, 0, refs, Files.size(bin), allocated() - a0);
  }

  private List<Stage> nextUse(Path bin) {
    List<Stage> out = new ArrayList<>();
    TraceSource b = TraceSource.open(bin, TraceFormat.BINARY);
    long a0 = allocated();
    long t0 = System.nanoTime();
    long c0 = cpu();
    try (NextUseIndex idx = NextUseIndex.build(b, tempDir)) {
      double s = (System.nanoTime() - t0) / 1e9;
      out.add(report(new Stage("next-use pass (backward, for OPT)", s, (cpu() - c0) / 1e9, 0, idx.references(),
          idx.nextUseFileBytes(),
          allocated() - a0)));
      long[] refs = new long[BATCH];
      long[] next = new long[BATCH];
      a0 = allocated();
      t0 = System.nanoTime();
      c0 = cpu();
      long n = 0;
      long sum = 0;
      try (NextUseReader r = idx.reader()) {
        int k;
        while ((k = r.read(refs, next)) > 0) {
          n += k;
          for (int i = 0; i < k; i++) {
            sum += next[i] ^ refs[i];
          }
        }
      }
      checksum += sum;
      s = (System.nanoTime() - t0) / 1e9;
      out.add(report(new Stage("read binary + next use", s, (cpu() - c0) / 1e9, 0, n, 0, allocated() - a0)));
    }
    return out;
  }

  /** A value that depends on every reference read (printed so the JIT cannot drop the work). */
  public long checksum() {
    return checksum;
  }

  /** The sum of the heap pools' peak usage since the run started (an upper bound of the peak heap). */
  public static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  /** CPU time of this thread so far, in nanoseconds. */
  static long cpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** Bytes allocated by this thread so far (-1 if the JVM does not tell). */
  static long allocated() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
      return t.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }
}
