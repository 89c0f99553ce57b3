package io.vmlab.app.trace.pages;

import io.vmlab.app.trace.AccessKind;
import io.vmlab.app.trace.PageRef;
import io.vmlab.app.trace.TraceError;
import io.vmlab.app.trace.TraceReader;
import io.vmlab.app.trace.io.TraceInput;
import java.nio.file.Path;

/**
 * Streams a page list: each token a page number, decimal ({@code 42}) or hex ({@code 0x2a}),
 * optionally followed by {@code w} (a write) or {@code r} (a read, the default); tokens separated
 * by commas, spaces, tabs or newlines; {@code #} starts a comment to the end of the line; blank
 * lines are ignored. A missing newline at the end is fine. A bad token is {@code file:line:col}.
 */
public final class PageListReader implements TraceReader {
  /** The largest page number: the last 4 KiB page of a 64-bit address space. */
  public static final long MAX_PAGE = -1L >>> 12;
  private static final int DEFAULT_BUFFER = 1 << 16;

  private final TraceInput in;
  private final Path path;
  /** One spare byte: a newline is added after a last line that lacks one. */
  private final byte[] buf;
  private int pos;
  private int safeEnd;
  private int limit;
  private int lineStart;
  private boolean eof;
  private boolean lineHasRef;
  private long lines;
  private long skipped;

  /** A reader of {@code in} whose lines may be up to {@code bufferSize} bytes long. */
  public PageListReader(TraceInput in, int bufferSize) {
    this.in = in;
    this.path = in.path();
    this.buf = new byte[bufferSize + 1];
  }

  /** Opens {@code path} (plain, gzip or zstd). */
  public static PageListReader open(Path path) {
    return new PageListReader(TraceInput.open(path), DEFAULT_BUFFER);
  }

  @Override
  public int read(long[] refs) {
    if (refs.length < MIN_BATCH) {
      throw new IllegalArgumentException("batch of " + refs.length + " < " + MIN_BATCH);
    }
    final byte[] b = buf;
    int n = 0;
    int p = pos;
    while (n < refs.length) {
      if (p >= safeEnd) {
        pos = p;
        boolean more = refill();
        p = pos;
        if (!more) {
          break;
        }
      }
      byte c = b[p];
      if (c == ' ' || c == ',' || c == '\t' || c == '\r') {
        p++;
      } else if (c == '\n' || c == '#') {
        while (b[p] != '\n') {
          p++;
        }
        p++;
        lines++;
        if (!lineHasRef) {
          skipped++;
        }
        lineHasRef = false;
        lineStart = p;
      } else {
        p = token(p, refs, n);
        n++;
        lineHasRef = true;
      }
    }
    pos = p;
    return n > 0 ? n : -1;
  }

  /** Parses the page token at {@code p} into refs[n]; returns the position after it. */
  private int token(int p, long[] refs, int n) {
    final byte[] b = buf;
    int start = p;
    long page = 0;
    boolean overflow = false;
    if (b[p] == '0' && (b[p + 1] == 'x' || b[p + 1] == 'X')) {
      p += 2;
      int d;
      while ((d = Character.digit(b[p], 16)) >= 0) {
        if (page <= MAX_PAGE) {
          page = page << 4 | d;
        } else {
          overflow = true;
        }
        p++;
      }
      if (p == start + 2) {
        throw error(p, "missing hex digits after 0x");
      }
    } else {
      int d;
      while ((d = b[p] - '0') >= 0 && d <= 9) {
        if (page <= MAX_PAGE) {
          page = page * 10 + d;
        } else {
          overflow = true;
        }
        p++;
      }
      if (p == start) {
        throw error(p, "bad page number: " + show(b[p]) + " (expected a decimal or 0x hex page number)");
      }
    }
    if (overflow || page > MAX_PAGE) {
      throw error(start, "page number too large (the largest is 0x" + Long.toHexString(MAX_PAGE) + ")");
    }
    int kind = AccessKind.READ;
    if (b[p] == 'w' || b[p] == 'W') {
      kind = AccessKind.WRITE;
      p++;
    } else if (b[p] == 'r' || b[p] == 'R') {
      p++;
    }
    byte c = b[p];
    if (c != ' ' && c != ',' && c != '\t' && c != '\r' && c != '\n' && c != '#') {
      throw error(p, "bad page number: unexpected " + show(c) + " (a page is a number, optionally followed by w or r)");
    }
    refs[n] = PageRef.of(page, kind);
    return p;
  }

  private boolean refill() {
    int rest = limit - pos;
    System.arraycopy(buf, pos, buf, 0, rest);
    lineStart -= pos;
    limit = rest;
    pos = 0;
    if (!eof) {
      int want = buf.length - 1 - limit;
      int got = in.readFully(buf, limit, want);
      limit += got;
      eof = got < want;
      if (eof && limit > 0 && buf[limit - 1] != '\n') {
        buf[limit++] = '\n';
      }
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
    throw TraceError.at(path, lines + 1, 1, "line longer than " + (buf.length - 1) + " bytes");
  }

  private TraceError error(int p, String message) {
    return TraceError.at(path, lines + 1, p - lineStart + 1, message);
  }

  private static String show(byte c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + (char) c + "'";
    }
    return String.format("byte 0x%02x", c & 0xff);
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
