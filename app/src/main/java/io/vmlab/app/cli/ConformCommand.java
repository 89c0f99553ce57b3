package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.VmlabHome;
import io.vmlab.app.conform.CaseException;
import io.vmlab.app.conform.ConformReport;
import io.vmlab.app.conform.ConformRunner;
import io.vmlab.app.conform.ExpectedFailures;
import io.vmlab.app.conform.KernelFactory;
import io.vmlab.app.conform.TargetProfile;
import io.vmlab.app.format.AtomicFiles;
import io.vmlab.app.format.Json;
import io.vmlab.app.plugin.PluginHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab conform}: replays cases recorded on real kernels and compares every value. */
@Command(name = "conform", mixinStandardHelpOptions = true,
    description = {
      "Replay conformance cases recorded on real Linux kernels and compare every recorded value",
      "(results and errno, signals, maps lines, smaps fields, status and statm values, minflt,",
      "fork children). Each case runs on the machine its target names (arch, kernel version,",
      "paging mode, recording environment from conformance/targets.yaml).",
      "Prints PASS/FAIL per case, per-target totals of cases and checks by kind, and a final line.",
      "Exit code 0 only when every case passed."
    })
final class ConformCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "PATH", arity = "0..*",
      description = "Case files or directories (default: the bundled conformance/cases).")
  List<Path> paths;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the full report as JSON.")
  Path json;

  @Option(names = "--expected-failures", paramLabel = "FILE",
      description = "Cases known to fail, target/name per line (default: conformance/expected-failures.txt).")
  Path expectedFailures;

  @Option(names = {"-q", "--quiet"}, description = "Print only failures and the totals.")
  boolean quiet;

  @Override
  public Integer call() {
    Path home = VmlabHome.home();
    List<Path> targets = paths == null || paths.isEmpty() ? List.of(home.resolve("conformance/cases")) : paths;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ConformReport report = new ConformReport();
    List<Path> files;
    try {
      files = ConformRunner.collect(targets);
    } catch (CaseException e) {
      throw new UserError(e.getMessage());
    }
    Path ef = expectedFailures != null ? expectedFailures : home.resolve("conformance/expected-failures.txt");
    try (PluginHost host = Session.of(spec).openPlugins()) {
      ConformRunner runner = new ConformRunner(new KernelFactory(host.registry()),
          TargetProfile.load(home.resolve("conformance/targets.yaml")), home.resolve("conformance/scenarios"),
          ExpectedFailures.load(ef));
      for (Path f : files) {
        try {
          var o = runner.run(f);
          report.add(o);
          if (o.passed()) {
            if (!quiet) {
              out.println("PASS " + o.target() + "/" + o.name());
            }
          } else {
            out.println((o.expectedFailure() ? "XFAIL " : "FAIL ") + o.target() + "/" + o.name() + ": " + o.firstProblem());
          }
        } catch (CaseException e) {
          report.unreadable(f.toString(), e.getMessage());
          err.println("vmlab conform: " + e.getMessage());
        }
      }
    }
    report.summary().forEach(out::println);
    out.flush();
    if (json != null) {
      AtomicFiles.write(json, Json.write(report.json()));
    }
    if (report.unreadable() > 0) {
      return ExitCodes.USAGE;
    }
    return report.allPassed() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
