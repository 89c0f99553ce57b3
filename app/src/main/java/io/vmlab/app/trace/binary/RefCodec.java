package io.vmlab.app.trace.binary;

/**
 * Encodes a block of {@link io.vmlab.app.trace.PageRef} words as a byte stream built for fast
 * decoding. Encoder and decoder keep the same direct-mapped caches of recent pages, 32 slots for
 * instruction fetches and 32 for data (slot by a multiplicative hash of the page; every slot empty
 * at the start of a block). A reference to a cached page is one byte {@code 0ssssskk} (slot, kind):
 * the common case (98% of the python trace's references), decoded with one table load. Any other
 * reference, and every page-split continuation, is a miss byte {@code 1ddddckk} (d: the zigzag
 * page delta from the previous reference when below 15, c: continuation, k: kind), followed when
 * d is 15 by a LEB128 varint of the zigzag delta minus 15; the page then enters its slot.
 */
public final class RefCodec {
  /** Slots of the two page caches together (5 bits of a hit byte, plus the kind's class). */
  static final int SLOTS = 64;
  /** The miss byte's flag. */
  static final int MISS = 0x80;
  /** The inline delta value meaning "a varint follows". */
  static final int ESCAPE = 15;

  private RefCodec() {}

  /** The cache slot of {@code page} for a reference of {@code kind}: 0-31 fetches, 32-63 data. */
  static int slot(long page, int kind) {
    return (int) ((page * 0x9E3779B97F4A7C15L) >>> 59) | ((kind + 3) >> 2) << 5;
  }

  /** Encodes {@code refs[0..n)} into {@code out}; returns the bytes written (at most 10 per reference). */
  public static int encode(long[] refs, int n, byte[] out) {
    long[] cache = new long[SLOTS];
    java.util.Arrays.fill(cache, -1);
    long prev = 0;
    int p = 0;
    for (int i = 0; i < n; i++) {
      long w = refs[i];
      long page = w >>> 3;
      int kind = (int) (w & 3);
      int s = slot(page, kind);
      if (cache[s] == page && (w & 4) == 0) {
        out[p++] = (byte) ((s & 31) << 2 | kind);
      } else {
        long delta = page - prev;
        long zz = (delta << 1) ^ (delta >> 63);
        if (Long.compareUnsigned(zz, ESCAPE) < 0) {
          out[p++] = (byte) (MISS | (int) zz << 3 | (int) (w & 7));
        } else {
          out[p++] = (byte) (MISS | ESCAPE << 3 | (int) (w & 7));
          // zz - ESCAPE: the inline values are not repeated in the varint.
          p = putVarint(out, p, zz - ESCAPE);
        }
        cache[s] = page;
      }
      prev = page;
    }
    return p;
  }

  private static int putVarint(byte[] out, int p, long v) {
    while ((v & ~0x7FL) != 0) {
      out[p++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    out[p++] = (byte) v;
    return p;
  }

  /** Encodes unsigned {@code values[0..n)} as plain LEB128 varints; returns the bytes written. */
  public static int encodeUnsigned(long[] values, int n, byte[] out) {
    int p = 0;
    for (int i = 0; i < n; i++) {
      p = putVarint(out, p, values[i]);
    }
    return p;
  }
}
