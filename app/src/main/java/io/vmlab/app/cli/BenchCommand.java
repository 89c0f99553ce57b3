package io.vmlab.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmlab bench}: the simulator's own benchmarks, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
      "Measure how fast the simulator runs: VMA system calls ('vma'), MMU accesses and heap per",
      "resident page ('access'), trace reading ('trace') and replay ('replay'); or measure over",
      "many simulated runs ('aslr': the entropy of exec's randomization)."
    },
    subcommands = {BenchVmaCommand.class, BenchAccessCommand.class, BenchTraceCommand.class,
      BenchReplayCommand.class, AslrBenchCommand.class})
final class BenchCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("vmlab bench: missing benchmark (vma, access, trace, replay, aslr)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
