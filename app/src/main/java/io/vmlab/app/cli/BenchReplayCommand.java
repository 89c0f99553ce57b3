package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.bench.ReplayBench;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.format.Json;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.bench.TraceBench;
import io.vmlab.app.wiring.Machine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab bench replay}: references per second through the kernel. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {
      "Time trace replays through the kernel, one thread, from the trace's binary form (a text",
      "trace is converted first, untimed): a policy-study replay (default exact lru, 1024 frames)",
      "and a full replay with the machine's own policy (Linux's lru-2q) through the TLB, the",
      "page-table walk and the fault path. Wall-clock and CPU rates, bytes allocated, peak heap",
      "(run with JAVA_OPTS=-Xmx1g to check the 1 GiB bound)."
    },
    footerHeading = "%nExample:%n",
    footer = {"  JAVA_OPTS=-Xmx1g vmlab bench replay --trace traces/gzip.lackey.zst"})
final class BenchReplayCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Mixin
  TraceFormatOption input;

  @Spec
  CommandSpec spec;

  @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The trace.")
  Path trace;

  @Option(names = {"-m", "--machine"}, paramLabel = "FILE|NAME", defaultValue = "x86_64-4level",
      description = "The machine (default: ${DEFAULT-VALUE}).")
  String machine;

  @Option(names = "--policy", paramLabel = "NAME", defaultValue = "lru",
      description = "The policy of the policy-study replay (default: ${DEFAULT-VALUE}).")
  String policy;

  @Option(names = "--frames", paramLabel = "N", defaultValue = "1024",
      description = "Frames of the policy-study replay (default: ${DEFAULT-VALUE}).")
  int frames;

  @Option(names = "--temp-dir", paramLabel = "DIR", description = "Where the binary form goes (default: java.io.tmpdir).")
  Path tempDir;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    TraceSource src = TraceSource.open(trace, input.format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Session session = Session.of(spec);
    List<ReplayBench.Result> results;
    try (PluginHost host = session.openPlugins()) {
      if (!host.registry().replacementPolicies().containsKey(policy)) {
        throw new UserError("--policy " + policy + ": no such replacement policy (available: "
            + String.join(", ", host.registry().replacementPolicies().keySet()) + ")");
      }
      Machine m = session.machine(machine, host);
      Path tmp = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
      results = new ReplayBench(new KernelFactory(host.registry()), m.spec(), src, tmp, line -> {
        if (!json) {
          err.println(line);
        }
      }).run(policy, frames);
    } catch (IOException e) {
      throw new UserError("vmlab bench replay: " + e.getMessage(), e);
    }
    long peak = TraceBench.peakHeap();
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("trace", src.toString());
      doc.put("javaVersion", System.getProperty("java.version"));
      doc.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
      doc.put("peakHeapBytes", peak);
      doc.put("results", results);
      out.print(Json.write(doc));
      return ExitCodes.OK;
    }
    out.println("trace " + src);
    for (ReplayBench.Result r : results) {
      out.printf("%-36s %,14d refs  %7.2f s wall %7.2f s cpu  %6.1f | %6.1f M refs/s (wall | cpu)  faults %,d  "
          + "allocated %s%n", r.stage().name(), r.stage().references(), r.stage().seconds(), r.stage().cpuSeconds(),
          r.stage().referencesPerSecond() / 1e6, r.stage().referencesPerCpuSecond() / 1e6, r.stats().faults(),
          Sizes.of(Math.max(0, r.stage().allocatedBytes())));
    }
    out.println("peak heap " + Sizes.of(peak) + " of max " + Sizes.of(Runtime.getRuntime().maxMemory())
        + "; load average " + String.format("%.2f", java.lang.management.ManagementFactory
            .getOperatingSystemMXBean().getSystemLoadAverage()) + " on "
        + Runtime.getRuntime().availableProcessors() + " cores");
    return ExitCodes.OK;
  }
}
