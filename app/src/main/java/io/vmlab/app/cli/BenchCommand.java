package io.vmlab.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmlab bench}: measurements that run the simulator many times (a subcommand each). */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measurements over many simulated runs: 'aslr' measures address-space randomization.",
    subcommands = {AslrBenchCommand.class})
final class BenchCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("vmlab bench: missing measurement (aslr)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
