package io.vmlab.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vmlab trace}: the parent of the trace tools (convert, stats). */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {
      "Memory-access traces: valgrind lackey logs (plain, gzip or zstd), page lists",
      "and vmlab's compact binary form. The format is detected from the content",
      "(see --format of each subcommand)."
    },
    subcommands = {TraceConvertCommand.class, TraceStatsCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  vmlab trace stats traces/ls.lackey.zst",
      "  vmlab trace convert traces/gzip.lackey.zst /tmp/gzip.vmtrace"
    })
final class TraceCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("vmlab trace: missing command (convert or stats)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
