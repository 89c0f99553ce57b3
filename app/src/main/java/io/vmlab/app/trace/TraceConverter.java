package io.vmlab.app.trace;

import io.vmlab.app.trace.binary.BinaryFormat;
import io.vmlab.app.trace.binary.BinaryHeader;
import io.vmlab.app.trace.binary.BinaryTraceWriter;
import io.vmlab.app.trace.io.AtomicOutput;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Converts any trace to the binary form, streaming, with fixed memory. */
public final class TraceConverter {
  /** Default zstd level of the blocks: fast to write, about 4x smaller than raw varints. */
  public static final int DEFAULT_LEVEL = 3;
  private static final int BATCH = 1 << 14;

  private TraceConverter() {}

  /**
   * Writes {@code source} to {@code out} as a binary trace, atomically (a temporary file renamed
   * at the end), with zstd {@code level} (0: uncompressed blocks); returns the header written.
   */
  public static BinaryHeader convert(TraceSource source, Path out, int level) {
    try (AtomicOutput o = AtomicOutput.create(out)) {
      BinaryHeader h;
      try {
        h = write(source, o.channel(), level, BinaryFormat.DEFAULT_BLOCK_REFS);
      } catch (IOException e) {
        throw o.failure(e);
      }
      o.commit();
      return h;
    }
  }

  /** Writes {@code source} as a binary trace to {@code ch} from its start; returns the header. */
  public static BinaryHeader write(TraceSource source, FileChannel ch, int level, int blockRefs) throws IOException {
    long[] batch = new long[BATCH];
    try (TraceReader r = source.reader();
        BinaryTraceWriter w = new BinaryTraceWriter(ch, blockRefs, level, source.format())) {
      int n;
      while ((n = r.read(batch)) > 0) {
        w.write(batch, n);
      }
      return w.finish(r.lines(), r.skippedLines());
    }
  }
}
