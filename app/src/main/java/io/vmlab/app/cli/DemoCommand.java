package io.vmlab.app.cli;

import io.vmlab.app.VmlabHome;
import io.vmlab.app.config.ExperimentLoader;
import io.vmlab.app.demo.Demo;
import io.vmlab.app.demo.DemoMachine;
import io.vmlab.app.experiment.ExperimentRunner;
import io.vmlab.app.experiment.ExperimentSpec;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.report.ReportWriter;
import io.vmlab.app.report.ResultsTable;
import io.vmlab.app.report.model.ExperimentResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vmlab demo}: the bundled machines side by side, then the quick-start experiment. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
      "The main job on the bundled defaults. First the four bundled machines (IA-32 2-level and",
      "PAE, x86-64 4-level and 5-level) side by side: their page-table levels, where a process's",
      "pieces go, and how each walks one address. Then the quick-start experiment",
      "(configs/experiments/quickstart.yaml): one workload of system calls, a fork and a trace",
      "replay on both architectures, swept over memory sizes and two replacement-policy plugins;",
      "its table is printed and its report written to results/quickstart/."
    })
final class DemoCommand implements Callable<Integer> {
  /** The experiment the demo runs, relative to the vmlab home. */
  static final String QUICKSTART = "configs/experiments/quickstart.yaml";

  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Option(names = {"-m", "--machine"}, paramLabel = "FILE|NAME",
      description = "Compare these machines instead (repeat the option; default: the four bundled ones).")
  List<String> machines;

  @Option(names = "--no-experiment", description = "Show the machines only; do not run the quick start.")
  boolean noExperiment;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Where the quick start's report goes (default: results/quickstart).")
  Path output;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    List<String> names = machines == null || machines.isEmpty() ? Demo.DEFAULT_MACHINES : machines;
    Session session = Session.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    try (PluginHost host = session.openPlugins()) {
      List<DemoMachine> prepared = new ArrayList<>();
      for (String name : names) {
        prepared.add(Demo.prepare(session.machine(name, host)));
      }
      out.print(Demo.render(prepared));
      if (noExperiment) {
        return ExitCodes.OK;
      }
      out.flush();
      ExperimentSpec es = ExperimentLoader.load(VmlabHome.home().resolve(QUICKSTART));
      ExperimentResult result = new ExperimentRunner(es, host).run(null,
          Runtime.getRuntime().availableProcessors(), quiet);
      Path dir = output != null ? output : es.outputs().dir();
      ReportWriter.write(result, dir, ReportWriter.Options.of(result));
      out.println();
      out.println("Quick start: " + es.description());
      out.println("(" + VmlabHome.display(es.file()) + "; `vmlab run` runs any experiment file)");
      out.println();
      out.print(ResultsTable.render(result, es.measure()));
      out.println();
      out.println("Report: " + dir.resolve("report.html") + " (tables, plots, address-space maps); data: "
          + dir.resolve("results.csv") + ", " + dir.resolve("results.json"));
    }
    return ExitCodes.OK;
  }
}
