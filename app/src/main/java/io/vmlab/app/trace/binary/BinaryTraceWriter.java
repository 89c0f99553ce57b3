package io.vmlab.app.trace.binary;

import io.vmlab.app.trace.TraceFormat;
import io.vmlab.app.trace.TraceStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Writes a binary trace to a channel in a stream: references are gathered into blocks, each
 * encoded ({@link RefCodec}) and written as soon as it is full; {@link #finish} writes the index
 * and then the header (so an unfinished file has no magic). Memory: one block of references and
 * its encoded bytes, plus 16 bytes per block for the index.
 */
public final class BinaryTraceWriter implements AutoCloseable {
  private final FileChannel ch;
  private final TraceFormat sourceFormat;
  private final long[] block;
  private final byte[] raw;
  private final BlockWriter blocks;
  private final TraceStats stats = new TraceStats();
  private int fill;
  private long[] index = new long[64];
  private int blockCount;
  private long written;

  /**
   * A writer to {@code ch} (from its start) of blocks of {@code blockRefs} references, zstd
   * {@code level} (0: uncompressed), recording {@code sourceFormat} in the header.
   */
  public BinaryTraceWriter(FileChannel ch, int blockRefs, int level, TraceFormat sourceFormat) {
    if (blockRefs < 1 || blockRefs > BinaryFormat.MAX_BLOCK_REFS) {
      throw new IllegalArgumentException("block of " + blockRefs + " references");
    }
    this.ch = ch;
    this.sourceFormat = sourceFormat;
    this.block = new long[blockRefs];
    this.raw = new byte[BinaryFormat.maxRawBytes(blockRefs)];
    this.blocks = new BlockWriter(ch, BinaryFormat.HEADER_SIZE, raw.length, level);
  }

  /** Appends {@code refs[0..n)}. */
  public void write(long[] refs, int n) throws IOException {
    stats.add(refs, n);
    int i = 0;
    while (i < n) {
      int k = Math.min(n - i, block.length - fill);
      System.arraycopy(refs, i, block, fill, k);
      fill += k;
      i += k;
      if (fill == block.length) {
        flush();
      }
    }
  }

  private void flush() throws IOException {
    if (fill == 0) {
      return;
    }
    int len = RefCodec.encode(block, fill, raw);
    long offset = blocks.write(raw, len, fill);
    if (2 * blockCount + 2 > index.length) {
      index = Arrays.copyOf(index, index.length * 2);
    }
    index[2 * blockCount] = offset;
    index[2 * blockCount + 1] = written;
    blockCount++;
    written += fill;
    fill = 0;
  }

  /** Writes the last block, the index and the header; returns the header. */
  public BinaryHeader finish(long lines, long skippedLines) throws IOException {
    flush();
    long indexOffset = blocks.position();
    ByteBuffer bb = ByteBuffer.allocate(blockCount * BinaryFormat.INDEX_ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    for (int b = 0; b < blockCount; b++) {
      bb.putLong(index[2 * b]).putLong(index[2 * b + 1]);
    }
    blocks.writeFully(bb.flip());
    BinaryHeader h = new BinaryHeader(sourceFormat, block.length, blocks.anyCompressed() ? BinaryFormat.FLAG_ZSTD : 0,
        stats.references(), lines, skippedLines, stats.accessesByKind(), stats.continuations(),
        stats.distinctPages(), stats.minPage(), Math.max(stats.maxPage(), 0), blockCount, indexOffset);
    ByteBuffer head = h.encode();
    long at = 0;
    while (head.hasRemaining()) {
      at += ch.write(head, at);
    }
    ch.truncate(indexOffset + (long) blockCount * BinaryFormat.INDEX_ENTRY_SIZE);
    return h;
  }

  @Override
  public void close() {
    blocks.close();
  }
}
