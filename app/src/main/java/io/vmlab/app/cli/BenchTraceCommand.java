package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.format.Json;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.format.TextTable;
import io.vmlab.app.trace.TraceConverter;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.bench.Stage;
import io.vmlab.app.trace.bench.TraceBench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab bench trace}: how fast traces are read. */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {
      "Time reading traces: lackey parsing, binary form, next use.",
      "On one file, one thread, streaming: decompression alone, lackey parsing into",
      "page references (lines/s, references/s), conversion to the binary form,",
      "reading the binary form back, and with --opt the next-use pass for OPT.",
      "Wall-clock and CPU time per stage (CPU time is the fairer figure when other",
      "work shares the machine), bytes allocated, peak heap (run with",
      "JAVA_OPTS=-Xmx1g to check that it streams in fixed memory)."
    },
    footerHeading = "%nExample:%n",
    footer = {"  JAVA_OPTS=-Xmx1g vmlab bench trace --trace traces/gzip.lackey.zst --opt"})
final class BenchTraceCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Mixin
  TraceFormatOption input;

  @Spec
  CommandSpec spec;

  @Option(names = "--trace", required = true, paramLabel = "FILE",
      description = "The trace (lackey, page list or binary).")
  Path trace;

  @Option(names = "--level", paramLabel = "N", defaultValue = "" + TraceConverter.DEFAULT_LEVEL,
      description = "zstd level of the binary form's blocks, 0 for none (default: ${DEFAULT-VALUE}).")
  int level;

  @Option(names = "--opt", description = "Also time the next-use pass for Belady's OPT and reading it back.")
  boolean opt;

  @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where temporary files go (default: java.io.tmpdir).")
  Path tempDir;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    TraceSource src = TraceSource.open(trace, input.format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path tmp = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
    TraceBench bench = new TraceBench(src, tmp, level, opt, line -> {
      if (!json) {
        err.println(line);
      }
    });
    List<Stage> stages;
    try {
      stages = bench.run();
    } catch (IOException e) {
      throw new UserError("vmlab bench trace: " + e.getMessage(), e);
    }
    long peak = TraceBench.peakHeap();
    long max = Runtime.getRuntime().maxMemory();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("trace", src.toString());
      m.put("javaVersion", System.getProperty("java.version"));
      m.put("maxHeapBytes", max);
      m.put("peakHeapBytes", peak);
      m.put("loadAverage", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      m.put("stages", stages);
      m.put("checksum", bench.checksum());
      out.print(Json.write(m));
      return ExitCodes.OK;
    }
    TextTable t = new TextTable("stage", ">wall s", ">cpu s", ">M lines/s wall|cpu", ">M refs/s wall|cpu", ">MB/s",
        ">allocated");
    for (Stage s : stages) {
      t.row(s.name(), f("%.2f", s.seconds()), f("%.2f", s.cpuSeconds()),
          s.lines() == 0 ? "" : f("%.1f", s.linesPerSecond() / 1e6) + " | " + f("%.1f", s.linesPerCpuSecond() / 1e6),
          s.references() == 0 ? ""
              : f("%.1f", s.referencesPerSecond() / 1e6) + " | " + f("%.1f", s.referencesPerCpuSecond() / 1e6),
          s.bytes() == 0 ? "" : f("%,.0f", s.bytesPerSecond() / 1e6), Sizes.of(Math.max(0, s.allocatedBytes())));
    }
    out.println("trace " + src);
    out.print(t.render(""));
    out.println("load average " + loadAverage() + " on " + Runtime.getRuntime().availableProcessors()
        + " cores (wall-clock rates suffer when other work shares the machine; cpu rates much less)");
    out.println("peak heap " + Sizes.of(peak) + " (sum of the heap pools' peaks) of max " + Sizes.of(max)
        + "; java " + System.getProperty("java.version") + "; checksum " + Long.toHexString(bench.checksum()));
    return ExitCodes.OK;
  }

  private static String loadAverage() {
    double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "unknown" : f("%.2f", l);
  }

  private static String f(String fmt, Object v) {
    return String.format(Locale.ROOT, fmt, v);
  }
}
