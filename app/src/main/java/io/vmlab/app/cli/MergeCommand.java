package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.report.ReportWriter;
import io.vmlab.app.report.ResultsTable;
import io.vmlab.app.report.merge.ShardMerger;
import io.vmlab.app.report.model.ExperimentResult;
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

/** {@code vmlab merge}: joins the output directories of the shards of one sweep. */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = {
      "Join the output directories of the --shard i/n parts of one experiment's sweep into the",
      "output of the whole sweep: results.csv and results.json with every run in sweep order,",
      "report.html, plots/ and manifest.json. The parts must come from the same experiment, vmlab",
      "version, seed, config and plugins, and hold every run of the sweep exactly once; otherwise",
      "nothing is written and the error names the directories or the runs."
    },
    footerHeading = "%nExample:%n",
    footer = {"  vmlab merge -o out/all out/part1 out/part2 out/part3 out/part4"})
final class MergeCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "1..*", description = "The shards' output directories.")
  List<Path> dirs;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", defaultValue = "merged",
      description = "Where to write the merged output (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--log-y", description = "Plot the fault curve on a logarithmic y axis.")
  boolean logY;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary line.")
  boolean quiet;

  @Override
  public Integer call() {
    Path out = output.toAbsolutePath().normalize();
    for (Path d : dirs) {
      if (d.toAbsolutePath().normalize().equals(out)) {
        throw new UserError("vmlab merge: the output " + output + " is also an input; choose another with -o");
      }
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserError("vmlab merge: " + output + " exists and is not a directory");
    }
    ExperimentResult merged = ShardMerger.merge(dirs);
    ReportWriter.Options options = ReportWriter.Options.of(merged);
    ReportWriter.write(merged, output, logY ? options.withLogY(true) : options);
    PrintWriter pw = spec.commandLine().getOut();
    if (!quiet) {
      pw.print(ResultsTable.render(merged));
    }
    pw.println("merged " + dirs.size() + " parts of " + merged.experiment() + ": " + merged.runs().size()
        + " runs -> " + output);
    pw.flush();
    return ExitCodes.OK;
  }
}
