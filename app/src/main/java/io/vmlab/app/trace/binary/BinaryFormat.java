package io.vmlab.app.trace.binary;

/**
 * The layout of a binary trace file (little-endian). Header (128 bytes): magic {@code 89 'VMTRACE'},
 * u16 version, u16 header size, u8 page shift, u8 source format, u16 reserved, u32 max references
 * per block, u32 flags (bit 0: some block is zstd-compressed), then u64 references, lines,
 * skipped lines, accesses I, L, S, M, continuations (page-split references), distinct pages,
 * lowest page, highest page, block count, index offset. Then the blocks, each a 20-byte block
 * header (u32 references, u32 raw length, u32 stored length, u32 codec: 0 raw varints, 1 zstd,
 * u32 CRC-32C of the raw bytes) and its stored bytes. Then the index: per block u64 file offset,
 * u64 first reference number.
 * The header is written last, so a file cut short has no valid magic.
 */
public final class BinaryFormat {
  /** The file's first 8 bytes. */
  static final byte[] MAGIC = {(byte) 0x89, 'V', 'M', 'T', 'R', 'A', 'C', 'E'};
  /** The version this code writes and reads. */
  static final int VERSION = 1;
  /** Bytes of the file header. */
  static final int HEADER_SIZE = 128;
  /** Bytes of a block header. */
  static final int BLOCK_HEADER_SIZE = 20;
  /** Bytes of one index entry. */
  static final int INDEX_ENTRY_SIZE = 16;
  /** Default references per block. */
  public static final int DEFAULT_BLOCK_REFS = 1 << 16;
  /** The most references a block may hold (a reader's buffers are sized from the header). */
  static final int MAX_BLOCK_REFS = 1 << 20;
  /** Block codec: the varint stream as is. */
  static final int CODEC_RAW = 0;
  /** Block codec: the varint stream compressed as one zstd frame. */
  static final int CODEC_ZSTD = 1;
  /** Header flag: at least one block is zstd-compressed. */
  static final int FLAG_ZSTD = 1;

  private BinaryFormat() {}

  /** Whether {@code head} (a file's first bytes) starts with the binary trace magic. */
  public static boolean hasMagic(byte[] head) {
    if (head.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** The most bytes a block of {@code refs} references takes as varints (10 bytes each at worst). */
  public static int maxRawBytes(int refs) {
    return refs * 10;
  }
}
