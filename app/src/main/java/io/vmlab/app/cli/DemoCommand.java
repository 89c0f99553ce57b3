package io.vmlab.app.cli;

import io.vmlab.app.demo.Demo;
import io.vmlab.app.demo.DemoMachine;
import io.vmlab.app.plugin.PluginHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab demo}: the bundled machines side by side. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "The main job on the bundled defaults: the four bundled machines (IA-32 2-level and PAE,",
      "x86-64 4-level and 5-level) side by side: their page-table levels, where a process's",
      "pieces go, and how each walks one address."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, paramLabel = "FILE|NAME",
      description = "Compare these machines instead (repeat the option; default: the four bundled ones).")
  List<String> machines;

  @Override
  public Integer call() {
    List<String> names = machines == null || machines.isEmpty() ? Demo.DEFAULT_MACHINES : machines;
    String text;
    Session session = Session.of(spec);
    try (PluginHost host = session.openPlugins()) {
      List<DemoMachine> prepared = new ArrayList<>();
      for (String name : names) {
        prepared.add(Demo.prepare(session.machine(name, host)));
      }
      text = Demo.render(prepared);
    }
    spec.commandLine().getOut().print(text);
    return ExitCodes.OK;
  }
}
