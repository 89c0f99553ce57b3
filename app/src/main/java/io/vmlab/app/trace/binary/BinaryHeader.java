package io.vmlab.app.trace.binary;

import io.vmlab.app.trace.TraceError;
import io.vmlab.app.trace.TraceFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The counts a binary trace records in its header ({@link BinaryFormat} has the layout).
 *
 * @param sourceFormat the format it was converted from (null when unknown)
 * @param maxBlockRefs the most references a block holds
 * @param flags {@link BinaryFormat#FLAG_ZSTD}
 * @param references references after splitting page-spanning accesses
 * @param lines lines of the source
 * @param skippedLines source lines with no reference
 * @param accesses accesses by {@link io.vmlab.app.trace.AccessKind} before splitting
 * @param continuations references that are a later page of a page-spanning access
 * @param distinctPages distinct pages referenced
 * @param minPage the lowest page referenced (0 when there is none)
 * @param maxPage the highest page referenced
 * @param blockCount blocks in the file
 * @param indexOffset the file offset of the block index
 */
public record BinaryHeader(TraceFormat sourceFormat, int maxBlockRefs, int flags, long references, long lines,
    long skippedLines, long[] accesses, long continuations, long distinctPages, long minPage, long maxPage,
    long blockCount, long indexOffset) {

  /** The page shift of every binary trace this version writes. */
  public static final int PAGE_SHIFT = 12;

  /** The 128 header bytes. */
  ByteBuffer encode() {
    ByteBuffer bb = ByteBuffer.allocate(BinaryFormat.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    bb.put(BinaryFormat.MAGIC);
    bb.putShort((short) BinaryFormat.VERSION).putShort((short) BinaryFormat.HEADER_SIZE);
    bb.put((byte) PAGE_SHIFT).put((byte) (sourceFormat == null ? 0 : sourceFormat.ordinal() + 1)).putShort((short) 0);
    bb.putInt(maxBlockRefs).putInt(flags);
    bb.putLong(references).putLong(lines).putLong(skippedLines);
    for (int k = 0; k < 4; k++) {
      bb.putLong(accesses[k]);
    }
    bb.putLong(continuations).putLong(distinctPages).putLong(minPage).putLong(maxPage);
    bb.putLong(blockCount).putLong(indexOffset);
    return bb.flip();
  }

  /** Reads and checks the header of {@code file} ({@code size} bytes long) from {@code bb}. */
  static BinaryHeader decode(Path file, ByteBuffer bb, long size) {
    bb.order(ByteOrder.LITTLE_ENDIAN);
    if (size < BinaryFormat.HEADER_SIZE) {
      throw TraceError.of(file, "not a vmlab binary trace (only " + size + " bytes)");
    }
    byte[] magic = new byte[8];
    bb.get(magic);
    if (!BinaryFormat.hasMagic(magic)) {
      throw TraceError.of(file, "not a vmlab binary trace (bad magic; a conversion that did not finish?)");
    }
    int version = bb.getShort() & 0xffff;
    int headerSize = bb.getShort() & 0xffff;
    if (version != BinaryFormat.VERSION || headerSize != BinaryFormat.HEADER_SIZE) {
      throw TraceError.of(file, "binary trace version " + version + " (this vmlab reads version "
          + BinaryFormat.VERSION + ")");
    }
    int pageShift = bb.get() & 0xff;
    int src = bb.get() & 0xff;
    bb.getShort();
    if (pageShift != PAGE_SHIFT) {
      throw TraceError.of(file, "page shift " + pageShift + " (only 12, 4 KiB pages, is supported)");
    }
    int maxBlockRefs = bb.getInt();
    int flags = bb.getInt();
    long refs = bb.getLong();
    long lines = bb.getLong();
    long skipped = bb.getLong();
    long[] acc = new long[4];
    for (int k = 0; k < 4; k++) {
      acc[k] = bb.getLong();
    }
    long cont = bb.getLong();
    long distinct = bb.getLong();
    long minPage = bb.getLong();
    long maxPage = bb.getLong();
    long blocks = bb.getLong();
    long indexOffset = bb.getLong();
    TraceFormat sf = src >= 1 && src <= TraceFormat.values().length ? TraceFormat.values()[src - 1] : null;
    if (maxBlockRefs < 1 || maxBlockRefs > BinaryFormat.MAX_BLOCK_REFS || refs < 0 || blocks < 0
        || indexOffset < BinaryFormat.HEADER_SIZE
        || blocks > (Long.MAX_VALUE - indexOffset) / BinaryFormat.INDEX_ENTRY_SIZE
        || indexOffset + blocks * BinaryFormat.INDEX_ENTRY_SIZE != size
        || refs > blocks * (long) maxBlockRefs) {
      throw TraceError.of(file, "corrupt or truncated binary trace (header does not match the file size " + size + ")");
    }
    return new BinaryHeader(sf, maxBlockRefs, flags, refs, lines, skipped, acc, cont, distinct, minPage, maxPage,
        blocks, indexOffset);
  }
}
