package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.bench.AccessBench;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.config.Scalars;
import io.vmlab.app.format.Json;
import io.vmlab.app.format.Sizes;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.wiring.Machine;
import io.vmlab.kernel.config.MachineSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab bench access}: MMU throughput and heap per resident page on a large machine. */
@Command(name = "access", mixinStandardHelpOptions = true,
    description = {
      "Fill a machine's memory with one process's anonymous pages (one fault per page), then time",
      "TLB-friendly accesses (a working set half the TLB) and walk-heavy ones (random resident",
      "pages), and measure the heap per resident page. The default is a 64 GiB machine (16M",
      "frames); run it with JAVA_OPTS=-Xmx1g to show that it fits in 1 GiB of heap."
    },
    footerHeading = "%nExample:%n",
    footer = {"  JAVA_OPTS=-Xmx1g vmlab bench access --memory 64G"})
final class BenchAccessCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, paramLabel = "FILE|NAME", defaultValue = "x86_64-4level",
      description = "The machine (default: ${DEFAULT-VALUE}).")
  String machine;

  @Option(names = "--memory", paramLabel = "SIZE", defaultValue = "64G",
      description = "Its physical memory (default: ${DEFAULT-VALUE}).")
  String memory;

  @Option(names = "--accesses", paramLabel = "N", defaultValue = "200000000",
      description = "TLB-friendly accesses to time; a quarter as many walk-heavy ones (default: ${DEFAULT-VALUE}).")
  long accesses;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    long bytes;
    try {
      bytes = Scalars.size(1L << 20, 64L << 30, 4096).parse(memory);
    } catch (IllegalArgumentException e) {
      throw new UserError("--memory " + memory + ": " + e.getMessage());
    }
    Session session = Session.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    AccessBench.Result r;
    try (PluginHost host = session.openPlugins()) {
      Machine m = session.machine(machine, host);
      MachineSpec ms = m.spec().withMemory(bytes).withSwap(0);
      java.io.PrintStream log = json ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream())
          : new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
      r = new AccessBench(new KernelFactory(host.registry()).create(ms)).run(accesses, log);
    }
    if (json) {
      out.print(Json.write(r));
    } else {
      out.printf("max heap %s; load average %.2f on %d cores%n", Sizes.of(Runtime.getRuntime().maxMemory()),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
    }
    return ExitCodes.OK;
  }
}
