package io.vmlab.app.trace.binary;

/**
 * Decodes one block's bytes ({@link RefCodec}) back into {@link io.vmlab.app.trace.PageRef} words, resumably: a
 * caller may take the block in several batches. Reports corruption (a varint past the block's
 * end or longer than 10 bytes) by returning -1, so that the caller can name the file and block.
 */
public final class RefDecoder {
  private byte[] raw;
  private int pos;
  private int end;
  private int remaining;
  private final long[] cache = new long[RefCodec.SLOTS];
  private long prev;

  /** Starts decoding {@code count} references from {@code raw[0..len)}. */
  public void reset(byte[] raw, int len, int count) {
    this.raw = raw;
    this.pos = 0;
    this.end = len;
    this.remaining = count;
    this.prev = 0;
    java.util.Arrays.fill(cache, -1);
  }

  /** References of the block not yet decoded. */
  public int remaining() {
    return remaining;
  }

  /** Whether the whole block was decoded and used exactly its bytes. */
  public boolean consumedExactly() {
    return remaining == 0 && pos == end;
  }

  /** Decodes up to {@code max} references into {@code out[off..)}; returns the count, or -1 if corrupt. */
  public int decode(long[] out, int off, int max) {
    final byte[] b = raw;
    final long[] c = cache;
    final int e = end;
    int p = pos;
    int n = Math.min(max, remaining);
    long prev = this.prev;
    for (int i = 0; i < n; i++) {
      if (p >= e) {
        return -1;
      }
      int t = b[p++];
      long page;
      if (t >= 0) {
        page = c[t >>> 2 | ((t & 3) + 3) >> 2 << 5];
        if (page < 0) {
          return -1;
        }
        out[off + i] = page << 3 | (t & 3);
      } else {
        long zz = (t >>> 3) & 15;
        if (zz == RefCodec.ESCAPE) {
          long v = 0;
          int shift = 0;
          long x;
          do {
            if (p >= e || shift > 63) {
              return -1;
            }
            x = b[p++];
            v |= (x & 0x7f) << shift;
            shift += 7;
          } while (x < 0);
          zz = v + RefCodec.ESCAPE;
        }
        page = prev + ((zz >>> 1) ^ -(zz & 1));
        if ((page >>> 61) != 0) {
          return -1;
        }
        c[RefCodec.slot(page, t & 3)] = page;
        out[off + i] = page << 3 | (t & 7);
      }
      prev = page;
    }
    pos = p;
    this.prev = prev;
    remaining -= n;
    return n;
  }

  /** Decodes up to {@code max} plain unsigned varints into {@code out[off..)}; the count, or -1 if corrupt. */
  public int decodeUnsigned(long[] out, int off, int max) {
    final byte[] b = raw;
    final int e = end;
    int p = pos;
    int n = Math.min(max, remaining);
    for (int i = 0; i < n; i++) {
      if (p >= e) {
        return -1;
      }
      long v = b[p++];
      if (v < 0) {
        v &= 0x7f;
        int shift = 7;
        long x;
        do {
          if (p >= e || shift > 63) {
            return -1;
          }
          x = b[p++];
          v |= (x & 0x7f) << shift;
          shift += 7;
        } while (x < 0);
      }
      out[off + i] = v;
    }
    pos = p;
    remaining -= n;
    return n;
  }
}
