package io.vmlab.app.trace.binary;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Appends blocks (block header with a CRC-32C of the raw bytes, then the payload) to a channel,
 * compressing each payload with zstd at {@code level} when that makes it smaller (level 0: never compress).
 */
public final class BlockWriter implements AutoCloseable {
  private final FileChannel ch;
  private final ZstdCompressCtx zstd;
  private final byte[] stored;
  private final ByteBuffer head = ByteBuffer.allocate(BinaryFormat.BLOCK_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();
  private long position;
  private boolean anyCompressed;

  /** A writer appending at {@code position} of {@code ch}, for payloads up to {@code maxRaw} bytes. */
  public BlockWriter(FileChannel ch, long position, int maxRaw, int level) {
    this.ch = ch;
    this.position = position;
    this.zstd = level > 0 ? new ZstdCompressCtx().setLevel(level) : null;
    this.stored = level > 0 ? new byte[(int) Zstd.compressBound(maxRaw)] : null;
  }

  /** Writes one block of {@code count} entries whose payload is {@code raw[0..len)}; returns its offset. */
  public long write(byte[] raw, int len, int count) throws IOException {
    byte[] payload = raw;
    int storedLen = len;
    int codec = BinaryFormat.CODEC_RAW;
    if (zstd != null && len > 0) {
      int c = zstd.compressByteArray(stored, 0, stored.length, raw, 0, len);
      if (c < len) {
        payload = stored;
        storedLen = c;
        codec = BinaryFormat.CODEC_ZSTD;
        anyCompressed = true;
      }
    }
    crc.reset();
    crc.update(raw, 0, len);
    long offset = position;
    head.clear();
    head.putInt(count).putInt(len).putInt(storedLen).putInt(codec).putInt((int) crc.getValue()).flip();
    writeFully(head);
    writeFully(ByteBuffer.wrap(payload, 0, storedLen));
    return offset;
  }

  /** Writes {@code bb} at the current position and advances it. */
  void writeFully(ByteBuffer bb) throws IOException {
    while (bb.hasRemaining()) {
      position += ch.write(bb, position);
    }
  }

  /** The offset the next block goes to. */
  public long position() {
    return position;
  }

  /** Whether some block was stored compressed. */
  public boolean anyCompressed() {
    return anyCompressed;
  }

  @Override
  public void close() {
    if (zstd != null) {
      zstd.close();
    }
  }
}
