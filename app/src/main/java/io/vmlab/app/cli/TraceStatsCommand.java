package io.vmlab.app.cli;

import io.vmlab.app.format.Json;
import io.vmlab.app.trace.TraceError;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.TraceSummary;
import io.vmlab.app.trace.TraceSummaryText;
import io.vmlab.app.trace.binary.BinaryHeader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab trace stats FILE}: counts of one trace. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {
      "Count a trace: lines, accesses, pages.",
      "Accesses by kind (I fetch, L load, S store, M modify), accesses spanning a",
      "4 KiB page boundary (each becomes one reference per page), references after",
      "that split by kind, distinct pages, footprint (distinct pages x 4 KiB) and",
      "the address range (first byte of the lowest page to the last byte of the",
      "highest). Streams the whole file."
    })
final class TraceStatsCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Mixin
  TraceFormatOption input;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The trace.")
  Path file;

  @Option(names = "--json", description = "Write JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    TraceSource src = TraceSource.open(file, input.format);
    TraceSummary s = TraceSummary.of(src);
    BinaryHeader h = src.binaryHeader();
    if (h != null && !s.matches(h)) {
      throw TraceError.of(file, "corrupt binary trace: its header counts do not match its references");
    }
    spec.commandLine().getOut().print(json ? Json.write(s) : TraceSummaryText.render(s));
    return ExitCodes.OK;
  }
}
