package io.vmlab.app.trace.binary;

import io.vmlab.app.trace.TraceReader;
import java.nio.file.Path;

/**
 * Streams a binary trace forward, block by block, decoding straight into the caller's batch.
 * Memory: one block's stored and raw bytes (about 1.3 MB for the default 65,536-reference blocks).
 */
public final class BinaryTraceReader implements TraceReader {
  private final BinaryTraceFile file;
  private final boolean ownsFile;
  private final BlockReader blocks;
  private final RefDecoder decoder = new RefDecoder();
  private int next;

  /** A reader of {@code file} from its first reference; closes the file if {@code ownsFile}. */
  public BinaryTraceReader(BinaryTraceFile file, boolean ownsFile) {
    this.file = file;
    this.ownsFile = ownsFile;
    this.blocks = file.blockReader();
  }

  /** Opens {@code path}. */
  public static BinaryTraceReader open(Path path) {
    return new BinaryTraceReader(BinaryTraceFile.open(path), true);
  }

  /** The header of the file. */
  public BinaryHeader header() {
    return file.header();
  }

  @Override
  public int read(long[] refs) {
    if (refs.length < MIN_BATCH) {
      throw new IllegalArgumentException("batch of " + refs.length + " < " + MIN_BATCH);
    }
    int n = 0;
    while (n < refs.length) {
      if (decoder.remaining() == 0) {
        if (next > 0 && !decoder.consumedExactly()) {
          throw blocks.corrupt(next - 1, "bytes left after the last reference");
        }
        if (next == file.blockCount()) {
          break;
        }
        file.load(next++, blocks, decoder);
        continue;
      }
      int got = decoder.decode(refs, n, refs.length - n);
      if (got < 0) {
        throw blocks.corrupt(next - 1, "bad varint");
      }
      n += got;
    }
    return n > 0 ? n : -1;
  }

  @Override
  public long lines() {
    return file.header().lines();
  }

  @Override
  public long skippedLines() {
    return file.header().skippedLines();
  }

  @Override
  public void close() {
    blocks.close();
    if (ownsFile) {
      file.close();
    }
  }
}
