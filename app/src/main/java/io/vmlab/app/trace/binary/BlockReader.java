package io.vmlab.app.trace.binary;

import com.github.luben.zstd.ZstdDecompressCtx;
import io.vmlab.app.trace.TraceError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads one block at a given offset into a fixed raw buffer (decompressing a zstd payload), with
 * its CRC-32C and every length checked against the limits, so a corrupt file is a one-line error, not an
 * exception from deep inside.
 */
public final class BlockReader implements AutoCloseable {
  private final Path file;
  private final FileChannel ch;
  private final int maxCount;
  private final byte[] raw;
  private final byte[] stored;
  private final ByteBuffer head = ByteBuffer.allocate(BinaryFormat.BLOCK_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private ZstdDecompressCtx zstd;
  private int rawLength;
  private long nextOffset;

  /** A reader of blocks of {@code file} holding at most {@code maxCount} entries each. */
  public BlockReader(Path file, FileChannel ch, int maxCount) {
    this.file = file;
    this.ch = ch;
    this.maxCount = maxCount;
    this.raw = new byte[BinaryFormat.maxRawBytes(maxCount)];
    this.stored = new byte[BinaryFormat.maxRawBytes(maxCount)];
  }

  /**
   * Reads block {@code index} at {@code offset} (it must end by {@code limit}); returns its entry
   * count. Its payload is then {@link #raw()}[0..{@link #rawLength()}).
   */
  public int read(long index, long offset, long limit) {
    try {
      head.clear();
      readFully(head, offset, limit);
      head.flip();
      int count = head.getInt();
      int len = head.getInt();
      int storedLen = head.getInt();
      int codec = head.getInt();
      int sum = head.getInt();
      long payloadAt = offset + BinaryFormat.BLOCK_HEADER_SIZE;
      if (count < 0 || count > maxCount || len < 0 || len > raw.length || storedLen < 0
          || storedLen > stored.length || (codec != BinaryFormat.CODEC_RAW && codec != BinaryFormat.CODEC_ZSTD)
          || (codec == BinaryFormat.CODEC_RAW && storedLen != len) || payloadAt + storedLen > limit) {
        throw corrupt(index, "bad block header");
      }
      if (codec == BinaryFormat.CODEC_RAW) {
        readFully(ByteBuffer.wrap(raw, 0, len), payloadAt, limit);
      } else {
        readFully(ByteBuffer.wrap(stored, 0, storedLen), payloadAt, limit);
        if (zstd == null) {
          zstd = new ZstdDecompressCtx();
        }
        int got;
        try {
          got = zstd.decompressByteArray(raw, 0, len, stored, 0, storedLen);
        } catch (RuntimeException e) {
          throw corrupt(index, "zstd: " + e.getMessage());
        }
        if (got != len) {
          throw corrupt(index, "zstd payload has " + got + " bytes, header says " + len);
        }
      }
      crc.reset();
      crc.update(raw, 0, len);
      if ((int) crc.getValue() != sum) {
        throw corrupt(index, "checksum mismatch");
      }
      rawLength = len;
      nextOffset = payloadAt + storedLen;
      return count;
    } catch (IOException e) {
      throw TraceError.of(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private void readFully(ByteBuffer bb, long at, long limit) throws IOException {
    if (at + bb.remaining() > limit) {
      throw new IOException("block extends past its end");
    }
    while (bb.hasRemaining()) {
      int r = ch.read(bb, at);
      if (r < 0) {
        throw new IOException("unexpected end of file");
      }
      at += r;
    }
  }

  /** The error for a bad block {@code index}. */
  public TraceError corrupt(long index, String what) {
    return TraceError.of(file, "corrupt binary trace: block " + index + ": " + what);
  }

  /** The last block's payload buffer. */
  public byte[] raw() {
    return raw;
  }

  /** The last block's payload length. */
  public int rawLength() {
    return rawLength;
  }

  /** The offset just after the last block read. */
  public long nextOffset() {
    return nextOffset;
  }

  @Override
  public void close() {
    if (zstd != null) {
      zstd.close();
    }
  }
}
