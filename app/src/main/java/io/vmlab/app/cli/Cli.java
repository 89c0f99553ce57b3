package io.vmlab.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Builds the configured {@code vmlab} command line. */
public final class Cli {
  private Cli() {}

  /** The command line writing to {@code out} and {@code err}, with vmlab's error handling. */
  public static CommandLine create(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new VmlabCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    configure(cl);
    return cl;
  }

  /** Every command documents the exit codes and answers --version. */
  private static void configure(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.HELP);
    spec.versionProvider(new VersionProvider());
    cl.getSubcommands().values().forEach(Cli::configure);
  }
}
