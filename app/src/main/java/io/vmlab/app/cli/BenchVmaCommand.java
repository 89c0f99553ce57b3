package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.bench.BenchSettings;
import io.vmlab.app.bench.VmaBenchReport;
import io.vmlab.app.bench.VmaBenchmark;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.format.Json;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.wiring.Machine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab bench vma}: VMA system calls per second with 1,000 and 60,000 VMAs present. */
@Command(name = "vma", mixinStandardHelpOptions = true,
    description = {
      "Measure mmap+munmap pairs per second (one anonymous page, placed top-down and unmapped",
      "again) and mprotect split+merge pairs per second (the middle page of a 3-page VMA made",
      "read-only, splitting it in three, then writable again, merging it back), each with 1,000",
      "and with 60,000 VMAs present (single pages of alternating protections, which do not",
      "merge; max_map_count is raised to 200,000). Prints ops/s per case, the slowdown from",
      "1,000 to 60,000 VMAs, and whether issue 3's targets are met (>= 1.5M and >= 1.2M pairs/s,",
      "<= 2x slower at 60,000 VMAs)."
    })
final class BenchVmaCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, paramLabel = "FILE|NAME", defaultValue = "x86_64-4level",
      description = "A machine file, or the name of a bundled one (default: ${DEFAULT-VALUE}).")
  String machine;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "0.5",
      description = "Length of each timed round, in seconds (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
      description = "Timed rounds per measurement; the median is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
      description = "Untimed rounds before the timed ones (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    if (!(seconds > 0) || seconds > 3600) {
      throw new UserError("--seconds: must be more than 0 and at most 3600, got " + seconds);
    }
    if (rounds < 1 || rounds > 1000) {
      throw new UserError("--rounds: must be between 1 and 1000, got " + rounds);
    }
    if (warmup < 0 || warmup > 1000) {
      throw new UserError("--warmup: must be between 0 and 1000, got " + warmup);
    }
    Session session = Session.of(spec);
    VmaBenchReport report;
    try (PluginHost host = session.openPlugins()) {
      Machine m = session.machine(machine, host);
      KernelFactory kernels = new KernelFactory(host.registry());
      report = VmaBenchmark.run(m.spec(), kernels::create, new BenchSettings(seconds, rounds, warmup));
    }
    spec.commandLine().getOut().print(json ? Json.write(report.json()) : report.text());
    return ExitCodes.OK;
  }
}
