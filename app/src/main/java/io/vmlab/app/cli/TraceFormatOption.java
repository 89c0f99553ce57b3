package io.vmlab.app.cli;

import io.vmlab.app.trace.TraceFormat;
import picocli.CommandLine.Option;

/** The {@code --format} option of the trace commands (a mixin). */
final class TraceFormatOption {
  @Option(names = "--format", paramLabel = "lackey|pages|binary",
      description = "Read the input as this format instead of detecting it. Detection: the binary magic"
          + " means binary; else, after gzip or zstd decompression (told by magic bytes), a first data line"
          + " (not blank, not #) shaped like lackey ('I  addr,size', ' L addr,size', '==pid==') means lackey;"
          + " anything else is a page list.")
  TraceFormat format;
}
