package io.vmlab.app.cli;

import io.vmlab.app.format.Json;
import io.vmlab.app.inspect.LayoutCalculator;
import io.vmlab.app.inspect.LayoutReport;
import io.vmlab.app.inspect.LayoutText;
import io.vmlab.app.plugin.PluginHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab layout}: a machine's paging levels and address-space layout. */
@Command(name = "layout", mixinStandardHelpOptions = true,
    description = {
      "Show a machine's page-table levels (shift, bits, entries, folding), its user/kernel split,",
      "and each process ABI's layout: TASK_SIZE, STACK_TOP, mmap_base (for the machine's stack",
      "rlimit, randomization off), TASK_UNMAPPED_BASE, ELF_ET_DYN_BASE, the non-PIE text base."
    })
final class LayoutCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, required = true, paramLabel = "FILE|NAME",
      description = "A machine file, or the name of a bundled one (configs/machines/NAME.yaml).")
  String machine;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    String text;
    Session session = Session.of(spec);
    try (PluginHost host = session.openPlugins()) {
      LayoutReport report = LayoutCalculator.compute(session.machine(machine, host));
      text = json ? Json.write(report) : LayoutText.render(report);
    }
    spec.commandLine().getOut().print(text);
    return ExitCodes.OK;
  }
}
