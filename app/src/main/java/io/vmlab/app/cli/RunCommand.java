package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.VmlabHome;
import io.vmlab.app.config.ExperimentLoader;
import io.vmlab.app.experiment.ExperimentRunner;
import io.vmlab.app.experiment.ExperimentSpec;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.report.ReportWriter;
import io.vmlab.app.report.ResultsTable;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Shard;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab run}: runs an experiment file and writes its results. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
      "Run an experiment: every point of its sweep on a fresh machine (in parallel, one run per",
      "core; the results are the same as a sequential run's), then print the results table and",
      "write results.csv, results.json, report.html and plots/ to the output directory.",
      "The experiment format is documented in configs/reference.yaml."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  vmlab run configs/experiments/quickstart.yaml",
      "  vmlab run configs/experiments/policies-gzip.yaml -o out/gzip --jobs 4",
      "  vmlab run big.yaml --shard 1/4 -o out/part1     (then: vmlab merge -o out/all out/part*)"
    })
final class RunCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "EXPERIMENT", description = "An experiment file (.yaml), or the name of a bundled one.")
  String experiment;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "The output directory (default: the experiment's outputs.dir, else results/NAME).")
  Path output;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N",
      description = "Runs at once (default: the number of processors).")
  Integer jobs;

  @Option(names = "--shard", paramLabel = "I/N", description = "Run only the I-th of N parts of the sweep.")
  String shard;

  @Option(names = "--no-files", description = "Print the table only; write no output directory.")
  boolean noFiles;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar, no table; only the summary line.")
  boolean quiet;

  @Override
  public Integer call() {
    Path file = locate(experiment);
    ExperimentSpec es = ExperimentLoader.load(file);
    Shard part = shard == null ? null : parseShard(shard);
    int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
    if (n < 1) {
      throw new UserError("--jobs must be at least 1, not " + n);
    }
    Session session = Session.of(spec);
    ExperimentResult result;
    try (PluginHost host = session.openPlugins()) {
      ExperimentRunner runner = new ExperimentRunner(es, host);
      result = runner.run(part, n, quiet);
      runner.notes().forEach(spec.commandLine().getErr()::println);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (es.outputs().table() && !quiet) {
      out.print(ResultsTable.render(result, es.measure()));
    }
    String where = "";
    if (es.outputs().files() && !noFiles) {
      Path dir = output != null ? output : es.outputs().dir();
      ReportWriter.Options o = ReportWriter.Options.of(result);
      List<String> files = ReportWriter.write(result, dir, o);
      where = "; wrote " + files.size() + " files to " + dir + " (open " + dir.resolve("report.html") + ")";
    }
    out.println(es.name() + ": " + result.runs().size() + " run" + (result.runs().size() == 1 ? "" : "s")
        + (part == null ? "" : " (shard " + part + " of a sweep of " + result.sweepSize() + ")") + where);
    return ExitCodes.OK;
  }

  private static Shard parseShard(String text) {
    try {
      return Shard.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UserError("--shard " + text + ": " + e.getMessage());
    }
  }

  /** A file, or a bundled experiment's name. */
  static Path locate(String arg) {
    Path p = Path.of(arg);
    if (Files.isRegularFile(p)) {
      return p;
    }
    Path bundled = VmlabHome.home().resolve("configs/experiments").resolve(arg + ".yaml");
    if (!arg.contains("/") && Files.isRegularFile(bundled)) {
      return bundled;
    }
    throw new UserError(arg + ": no such experiment file (bundled ones are in configs/experiments)");
  }
}
