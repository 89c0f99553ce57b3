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
    spec.usageMessage().description(paragraphs(spec.usageMessage().description()));
    cl.getSubcommands().values().forEach(Cli::configure);
  }

  /**
   * The description's source lines joined into paragraphs, so picocli wraps them at the help width
   * (an empty line, or a line starting with a space or "- ", starts a new one).
   */
  static String[] paragraphs(String[] lines) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder p = null;
    for (String line : lines) {
      boolean starts = line.isEmpty() || line.startsWith(" ") || line.startsWith("- ");
      if (p != null && !starts) {
        p.append(' ').append(line);
        continue;
      }
      if (p != null) {
        out.add(p.toString());
      }
      if (line.isEmpty()) {
        out.add("");
        p = null;
      } else {
        p = new StringBuilder(line);
      }
    }
    if (p != null) {
      out.add(p.toString());
    }
    // The command list shows a subcommand's first description line: keep that to one sentence.
    if (!out.isEmpty()) {
      String first = out.get(0);
      int end = first.indexOf(". ");
      if (end > 0) {
        out.set(0, first.substring(0, end + 1));
        out.add(1, first.substring(end + 2));
      }
    }
    return out.toArray(new String[0]);
  }
}
