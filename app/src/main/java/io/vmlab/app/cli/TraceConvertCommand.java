package io.vmlab.app.cli;

import io.vmlab.app.UserError;
import io.vmlab.app.trace.TraceConverter;
import io.vmlab.app.trace.TraceSource;
import io.vmlab.app.trace.binary.BinaryHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vmlab trace convert IN OUT}: any trace to the compact binary form. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {
      "Convert a trace to vmlab's compact binary form.",
      "Any input format (lackey, page list, binary). The binary form replays much",
      "faster than text: page references with their kinds, mostly one byte each,",
      "in zstd-compressed blocks of 65,536. Streams in fixed memory; OUT is written",
      "to a temporary file renamed at the end: an error or Ctrl-C leaves no partial",
      "file."
    })
final class TraceConvertCommand implements Callable<Integer> {
  @Mixin(name = GlobalOptions.MIXIN_NAME)
  GlobalOptions global;

  @Mixin
  TraceFormatOption input;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN", description = "The trace to convert.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "The binary trace to write.")
  Path out;

  @Option(names = "--level", paramLabel = "N", defaultValue = "" + TraceConverter.DEFAULT_LEVEL,
      description = "zstd level of the blocks, 1-19, or 0 for uncompressed blocks (default: ${DEFAULT-VALUE}).")
  int level;

  @Override
  public Integer call() {
    if (level < 0 || level > 19) {
      throw new UserError("vmlab trace convert: --level must be 0-19, not " + level);
    }
    TraceSource src = TraceSource.open(in, input.format);
    BinaryHeader h = TraceConverter.convert(src, out, level);
    long bytes;
    try {
      bytes = Files.size(out);
    } catch (java.io.IOException e) {
      bytes = -1;
    }
    spec.commandLine().getOut().printf(Locale.ROOT,
        "%s: %,d references from %s, %,d blocks, %,d bytes (%.2f bytes/reference)%n",
        out, h.references(), src, h.blockCount(), bytes, h.references() == 0 ? 0.0 : (double) bytes / h.references());
    return ExitCodes.OK;
  }
}
