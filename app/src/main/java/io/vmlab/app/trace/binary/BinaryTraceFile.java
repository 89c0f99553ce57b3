package io.vmlab.app.trace.binary;

import io.vmlab.app.trace.TraceError;
import io.vmlab.app.trace.io.Compression;
import io.vmlab.app.trace.io.TraceInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open binary trace: its checked header and block index, and random access to its blocks (in
 * any order: forward for replay, backward for the next-use pass). Memory: 16 bytes per block.
 */
public final class BinaryTraceFile implements AutoCloseable {
  private final Path path;
  private final FileChannel ch;
  private final BinaryHeader header;
  private final long[] offsets;
  private final long[] firstRefs;

  private BinaryTraceFile(Path path, FileChannel ch, BinaryHeader header, long[] offsets, long[] firstRefs) {
    this.path = path;
    this.ch = ch;
    this.header = header;
    this.offsets = offsets;
    this.firstRefs = firstRefs;
  }

  /** Opens and checks {@code path}. */
  public static BinaryTraceFile open(Path path) {
    FileChannel ch = null;
    try {
      ch = FileChannel.open(path, StandardOpenOption.READ);
      long size = ch.size();
      ByteBuffer hb = ByteBuffer.allocate(BinaryFormat.HEADER_SIZE);
      while (hb.hasRemaining() && ch.read(hb, hb.position()) > 0) {
        // read the header (a short file fails the size check below)
      }
      BinaryHeader h = BinaryHeader.decode(path, hb.flip(), size);
      if (h.blockCount() > Integer.MAX_VALUE / 2) {
        throw TraceError.of(path, "corrupt binary trace (" + h.blockCount() + " blocks)");
      }
      int n = (int) h.blockCount();
      ByteBuffer ib = ByteBuffer.allocate(n * BinaryFormat.INDEX_ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN);
      long at = h.indexOffset();
      while (ib.hasRemaining()) {
        int r = ch.read(ib, at);
        if (r < 0) {
          throw TraceError.of(path, "truncated binary trace (index cut short)");
        }
        at += r;
      }
      ib.flip();
      long[] offsets = new long[n];
      long[] first = new long[n];
      long prevOffset = BinaryFormat.HEADER_SIZE - 1;
      long prevFirst = -1;
      for (int i = 0; i < n; i++) {
        offsets[i] = ib.getLong();
        first[i] = ib.getLong();
        boolean firstBlockOk = i > 0 || (first[0] == 0 && offsets[0] == BinaryFormat.HEADER_SIZE);
        if (!firstBlockOk || offsets[i] <= prevOffset || offsets[i] >= h.indexOffset()
            || (i > 0 && first[i] <= prevFirst) || first[i] < 0 || first[i] > h.references()) {
          throw TraceError.of(path, "corrupt binary trace (block index entry " + i + ")");
        }
        prevOffset = offsets[i];
        prevFirst = first[i];
      }
      BinaryTraceFile f = new BinaryTraceFile(path, ch, h, offsets, first);
      ch = null;
      return f;
    } catch (IOException e) {
      throw TraceInput.failure(path, Compression.NONE, e);
    } finally {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // nothing was returned; the open failed already
        }
      }
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The header. */
  public BinaryHeader header() {
    return header;
  }

  /** The number of blocks. */
  public int blockCount() {
    return offsets.length;
  }

  /** The number of the first reference of block {@code i}. */
  public long firstReference(int i) {
    return firstRefs[i];
  }

  /** The references in block {@code i} (from the index). */
  public int blockReferences(int i) {
    long next = i + 1 < offsets.length ? firstRefs[i + 1] : header.references();
    return (int) (next - firstRefs[i]);
  }

  /** A reader of this file's blocks (one per thread). */
  public BlockReader blockReader() {
    return new BlockReader(path, ch, header.maxBlockRefs());
  }

  /**
   * Reads block {@code i} with {@code reader} and starts {@code decoder} on it; checks its count
   * against the index.
   */
  public void load(int i, BlockReader reader, RefDecoder decoder) {
    long limit = i + 1 < offsets.length ? offsets[i + 1] : header.indexOffset();
    int count = reader.read(i, offsets[i], limit);
    if (count != blockReferences(i) || reader.nextOffset() != limit) {
      throw reader.corrupt(i, "holds " + count + " references, the index says " + blockReferences(i));
    }
    decoder.reset(reader.raw(), reader.rawLength(), count);
  }

  @Override
  public void close() {
    try {
      ch.close();
    } catch (IOException ignored) {
      // read-only: nothing to lose
    }
  }
}
