package io.vmlab.app.trace.opt;

import io.vmlab.app.trace.TraceError;
import io.vmlab.app.trace.TraceReader;
import io.vmlab.app.trace.binary.BinaryTraceFile;
import io.vmlab.app.trace.binary.BinaryTraceReader;
import io.vmlab.app.trace.binary.BlockReader;
import io.vmlab.app.trace.binary.RefDecoder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a trace's references together with, for each, the position (0-based reference number)
 * of the next reference to the same page, or {@link NextUseIndex#NEVER}. Fixed memory.
 */
public final class NextUseReader implements AutoCloseable {
  private final BinaryTraceReader trace;
  private final FileChannel ch;
  private final BlockReader blocks;
  private final RefDecoder decoder = new RefDecoder();
  private final long[] offsets;
  private final long[] ends;
  private int nextBlock;
  private long position;

  NextUseReader(BinaryTraceFile file, Path nextUse, long[] offsets, long[] ends, int maxBlockRefs) {
    this.trace = new BinaryTraceReader(file, true);
    this.offsets = offsets;
    this.ends = ends;
    try {
      this.ch = FileChannel.open(nextUse, StandardOpenOption.READ);
    } catch (IOException e) {
      trace.close();
      throw TraceError.of(nextUse, "cannot read the next-use file: " + e.getMessage(), e);
    }
    this.blocks = new BlockReader(nextUse, ch, maxBlockRefs);
  }

  /**
   * Fills {@code refs} with the next references ({@link io.vmlab.app.trace.PageRef} words) and
   * {@code next[i]} with the position of the next reference to the page of {@code refs[i]}; returns
   * the count, or -1 at the end. {@code next.length} must be at least {@code refs.length}.
   */
  public int read(long[] refs, long[] next) {
    if (next.length < refs.length) {
      throw new IllegalArgumentException("next[] shorter than refs[]");
    }
    int n = trace.read(refs);
    if (n < 0) {
      return -1;
    }
    int filled = 0;
    while (filled < n) {
      if (decoder.remaining() == 0) {
        int b = nextBlock++;
        int count = blocks.read(b, offsets[b], ends[b]);
        decoder.reset(blocks.raw(), blocks.rawLength(), count);
        continue;
      }
      int got = decoder.decodeUnsigned(next, filled, n - filled);
      if (got < 0) {
        throw blocks.corrupt(nextBlock - 1, "bad varint");
      }
      filled += got;
    }
    long pos = position;
    for (int i = 0; i < n; i++) {
      long d = next[i];
      next[i] = d == 0 ? NextUseIndex.NEVER : pos + i + d;
    }
    position = pos + n;
    return n;
  }

  /** The number of the next reference {@link #read} returns. */
  public long position() {
    return position;
  }

  /** The references' reader (its line counts). */
  public TraceReader trace() {
    return trace;
  }

  @Override
  public void close() {
    trace.close();
    blocks.close();
    try {
      ch.close();
    } catch (IOException ignored) {
      // read-only
    }
  }
}
