package io.vmlab.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmlab bench}: the simulator's own benchmarks, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {
      "Measure how fast the simulator runs. Each benchmark warms up, then times several rounds",
      "and reports the median."
    },
    subcommands = {BenchVmaCommand.class})
final class BenchCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("vmlab bench: missing benchmark (vma)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
