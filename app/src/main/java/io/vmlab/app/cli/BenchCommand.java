package io.vmlab.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmlab bench}: the parent of the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks: time parts of vmlab on real inputs and print the figures ('trace', 'replay',",
      "'access'), or measure over many simulated runs ('aslr': the entropy of exec's randomization)."},
    subcommands = {BenchTraceCommand.class, BenchReplayCommand.class, BenchAccessCommand.class, AslrBenchCommand.class})
final class BenchCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("vmlab bench: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
