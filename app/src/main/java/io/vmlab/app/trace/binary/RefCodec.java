package io.vmlab.app.trace.binary;

import io.vmlab.app.trace.AccessKind;

/**
 * Encodes a block of {@link io.vmlab.app.trace.PageRef} words as varints: per reference {@code
 * zigzag(page - predicted) << 3 | continuation << 2 | kind}, LEB128. Two predictors, the last
 * instruction page and the last data page, because fetches and data accesses interleave but each
 * stays on few pages: most references take one byte. Both predictors start at 0 in every block.
 */
public final class RefCodec {
  private RefCodec() {}

  /** Encodes {@code refs[0..n)} into {@code out}; returns the bytes written (at most 10 per reference). */
  public static int encode(long[] refs, int n, byte[] out) {
    long predExec = 0;
    long predData = 0;
    int p = 0;
    for (int i = 0; i < n; i++) {
      long w = refs[i];
      long page = w >>> 3;
      long delta;
      if ((w & 3) == AccessKind.EXEC) {
        delta = page - predExec;
        predExec = page;
      } else {
        delta = page - predData;
        predData = page;
      }
      long v = ((delta << 1) ^ (delta >> 63)) << 3 | (w & 7);
      while ((v & ~0x7FL) != 0) {
        out[p++] = (byte) (v | 0x80);
        v >>>= 7;
      }
      out[p++] = (byte) v;
    }
    return p;
  }

  /** Encodes unsigned {@code values[0..n)} as plain LEB128 varints; returns the bytes written. */
  public static int encodeUnsigned(long[] values, int n, byte[] out) {
    int p = 0;
    for (int i = 0; i < n; i++) {
      long v = values[i];
      while ((v & ~0x7FL) != 0) {
        out[p++] = (byte) (v | 0x80);
        v >>>= 7;
      }
      out[p++] = (byte) v;
    }
    return p;
  }
}
