package io.vmlab.app.trace.lackey;

import io.vmlab.app.trace.AccessKind;
import io.vmlab.app.trace.PageRef;
import io.vmlab.app.trace.TraceError;
import io.vmlab.app.trace.TraceReader;
import io.vmlab.app.trace.io.TraceInput;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Streams a lackey log as page references. The decompressed bytes go into one large buffer and
 * are parsed in place, a line at a time, with no String and no object per line; an access that
 * crosses a 4 KiB page boundary becomes one reference per page, in address order. {@code ==pid==}
 * lines are skipped. A malformed line stops the reader with {@code file:line:col: message}.
 */
public final class LackeyReader implements TraceReader {
  /** The page shift lackey addresses are split at (4 KiB pages). */
  public static final int PAGE_SHIFT = 12;
  /** Default buffer size: large enough that refills are rare, small enough to stay in L2. */
  public static final int DEFAULT_BUFFER = 1 << 20;
  private static final int MAX_HEX_DIGITS = 16;
  private static final int MAX_SIZE_DIGITS = 9;
  private static final int PADDING = 16;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private final TraceInput in;
  private final Path path;
  private final byte[] buf;
  /** Start of the next line to parse. */
  private int pos;
  /** One past the last newline in buf[0..limit): every line starting before it is complete. */
  private int safeEnd;
  /** Bytes of valid data in buf. */
  private int limit;
  private boolean eof;
  private long lines;
  private long skipped;
  /** The rest of an access spanning more pages than the last batch had room for. */
  private long pendingPage;
  private long pendingLast;
  private int pendingKind;
  private boolean pending;

  /** A reader of {@code in} with a buffer of {@code bufferSize} bytes (the longest line allowed). */
  public LackeyReader(TraceInput in, int bufferSize) {
    this.in = in;
    this.path = in.path();
    // Padding: 8-byte loads near the end of the data stay inside the array.
    this.buf = new byte[bufferSize + PADDING];
  }

  /** Opens {@code path} (plain, gzip or zstd) with the default buffer. */
  public static LackeyReader open(Path path) {
    return new LackeyReader(TraceInput.open(path), DEFAULT_BUFFER);
  }

  @Override
  public int read(long[] refs) {
    final int cap = refs.length;
    if (cap < MIN_BATCH) {
      throw new IllegalArgumentException("batch of " + cap + " < " + MIN_BATCH);
    }
    int n = pending ? flushPending(refs, 0) : 0;
    final byte[] b = buf;
    final byte[] hex = LackeyLine.HEX;
    int p = pos;
    int end = safeEnd;
    long lineCount = lines;
    while (n <= cap - 2) {
      if (p >= end) {
        pos = p;
        lines = lineCount;
        boolean more = refill();
        p = pos;
        end = safeEnd;
        if (!more) {
          break;
        }
        continue;
      }
      // The type from columns 0-1 in one table load: I, L, S, M, the '==' of a banner line, or bad.
      final int kind = LackeyLine.TYPE[(short) SHORT_LE.get(b, p) & 0xffff];
      if (kind > AccessKind.MODIFY || b[p + 2] != ' ') {
        if (kind != LackeyLine.TYPE_BANNER) {
          throw badType(p, lineCount);
        }
        // valgrind's banner and summary: skip to the end of the line.
        int q = p + 2;
        while (b[q] != '\n') {
          q++;
        }
        p = q + 1;
        lineCount++;
        skipped++;
        continue;
      }
      int q = p + 3;
      long addr = 0;
      int d;
      // lackey prints at least 8 hex digits (%08lx): convert 8 at once when they are all hex.
      final long x = (long) LONG_LE.get(b, q);
      // Per byte, high bit set: 'a'-'f' after folding case (>= 0x61 and not > 0x66), or '0'-'9'.
      final long lower = x | 0x2020202020202020L;
      final long letter = (lower + 0x1F1F1F1F1F1F1F1FL) & ~(lower + 0x1919191919191919L);
      final long digit = (x + 0x5050505050505050L) & ~(x + 0x4646464646464646L);
      if ((((digit | letter) & ~x) & 0x8080808080808080L) == 0x8080808080808080L) {
        long v = (x & 0x0F0F0F0F0F0F0F0FL) + ((letter >>> 7) & 0x0101010101010101L) * 9;
        v = (v & 0x000F000F000F000FL) << 4 | (v >>> 8) & 0x000F000F000F000FL;
        v = (v & 0x000000FF000000FFL) << 8 | (v >>> 16) & 0x000000FF000000FFL;
        addr = (v & 0xFFFFL) << 16 | (v >>> 32) & 0xFFFFL;
        q += 8;
      }
      while ((d = hex[b[q] & 0xff]) >= 0) {
        addr = addr << 4 | d;
        q++;
      }
      if (b[q] != ',' || q == p + 3 || q - (p + 3) > MAX_HEX_DIGITS) {
        throw badAddress(p, q, lineCount);
      }
      final int s0 = ++q;
      int size = b[q] - '0';
      if (b[q + 1] == '\n' && size > 0 && size <= 9) {
        // The usual one-digit size.
        q++;
      } else {
        size = 0;
        while ((d = b[q] - '0') >= 0 && d <= 9) {
          size = size * 10 + d;
          q++;
        }
        if (b[q] != '\n' || q == s0 || q - s0 > MAX_SIZE_DIGITS || size == 0) {
          throw badSize(p, s0, q, size, lineCount);
        }
      }
      p = q + 1;
      lineCount++;
      final long first = addr >>> PAGE_SHIFT;
      final long lastByte = addr + size - 1;
      final long last = lastByte >>> PAGE_SHIFT;
      if (first == last) {
        refs[n++] = first << PageRef.PAGE_SHIFT_IN_WORD | kind;
      } else if (last == first + 1) {
        refs[n++] = first << PageRef.PAGE_SHIFT_IN_WORD | kind;
        refs[n++] = last << PageRef.PAGE_SHIFT_IN_WORD | PageRef.CONTINUATION | kind;
      } else {
        if (Long.compareUnsigned(lastByte, addr) < 0) {
          throw TraceError.at(path, lineCount, 4,
              "access of " + size + " bytes at " + Long.toHexString(addr) + " wraps past the top of the address space");
        }
        refs[n++] = first << PageRef.PAGE_SHIFT_IN_WORD | kind;
        pendingPage = first + 1;
        pendingLast = last;
        pendingKind = kind;
        pending = true;
        n = flushPending(refs, n);
        if (pending) {
          break;
        }
      }
    }
    pos = p;
    lines = lineCount;
    return n > 0 ? n : -1;
  }

  /** Emits the pending pages of a long access into refs[n..); returns the new count. */
  private int flushPending(long[] refs, int n) {
    while (n < refs.length && Long.compareUnsigned(pendingPage, pendingLast) <= 0) {
      refs[n++] = PageRef.continuation(pendingPage, pendingKind);
      if (pendingPage == pendingLast) {
        pending = false;
        return n;
      }
      pendingPage++;
    }
    pending = Long.compareUnsigned(pendingPage, pendingLast) <= 0;
    return n;
  }

  /**
   * Moves the unparsed tail to the front and reads more. Returns false at a clean end of input;
   * throws on a truncated last line or a line longer than the buffer.
   */
  private boolean refill() {
    int rest = limit - pos;
    System.arraycopy(buf, pos, buf, 0, rest);
    limit = rest;
    pos = 0;
    if (!eof) {
      int want = buf.length - PADDING - limit;
      int got = in.readFully(buf, limit, want);
      limit += got;
      eof = got < want;
    }
    int e = limit - 1;
    while (e >= 0 && buf[e] != '\n') {
      e--;
    }
    safeEnd = e + 1;
    if (safeEnd > 0) {
      return true;
    }
    if (limit == 0) {
      return false;
    }
    if (eof) {
      throw TraceError.at(path, lines + 1, limit + 1, "truncated last line (no newline at the end of the file)");
    }
    throw TraceError.at(path, lines + 1, 1, "line longer than " + (buf.length - PADDING) + " bytes");
  }

  private TraceError badType(int p, long lineCount) {
    byte b0 = buf[p];
    if (b0 == '\n') {
      return TraceError.at(path, lineCount + 1, 1, "empty line");
    }
    int col;
    if (b0 == '=') {
      col = 2;
    } else if (b0 == 'I') {
      col = buf[p + 1] != ' ' ? 2 : 3;
    } else if (b0 == ' ') {
      col = LackeyLine.DATA_KIND[buf[p + 1] & 0xff] < 0 ? 2 : 3;
    } else {
      col = 1;
    }
    byte c = buf[p + col - 1];
    return TraceError.at(path, lineCount + 1, col, "unknown line type: " + LackeyLine.show(c)
        + " where a lackey line has 'I  ', ' L ', ' S ', ' M ' or '=='");
  }

  private TraceError badAddress(int p, int q, long lineCount) {
    long col = q - p + 1;
    int digits = q - (p + 3);
    if (digits > MAX_HEX_DIGITS) {
      return TraceError.at(path, lineCount + 1, 4, "address longer than 16 hex digits");
    }
    if (buf[q] == '\n') {
      return TraceError.at(path, lineCount + 1, col,
          digits == 0 ? "missing address" : "missing comma and size after the address");
    }
    if (digits == 0) {
      return TraceError.at(path, lineCount + 1, col, "bad hex digit " + LackeyLine.show(buf[q]) + " in the address");
    }
    return TraceError.at(path, lineCount + 1, col, "bad hex digit " + LackeyLine.show(buf[q])
        + " in the address (expected hex digits then a comma)");
  }

  private TraceError badSize(int p, int s0, int q, int size, long lineCount) {
    long line = lineCount + 1;
    if (q == s0) {
      return TraceError.at(path, line, q - p + 1, buf[q] == '\n' ? "missing size after the comma"
          : "bad size: " + LackeyLine.show(buf[q]) + " where a decimal size belongs");
    }
    if (q - s0 > MAX_SIZE_DIGITS) {
      return TraceError.at(path, line, s0 - p + 1, "size too large");
    }
    if (buf[q] != '\n') {
      return TraceError.at(path, line, q - p + 1, "bad size: " + LackeyLine.show(buf[q]) + " after the digits");
    }
    return TraceError.at(path, line, s0 - p + 1, "size 0 (an access is at least one byte)");
  }

  @Override
  public long lines() {
    return lines;
  }

  @Override
  public long skippedLines() {
    return skipped;
  }

  @Override
  public void close() {
    in.close();
  }
}
