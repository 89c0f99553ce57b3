package io.vmlab.app.trace.io;

/** How a trace file is compressed, told by its first bytes, never by its name. */
public enum Compression {
  /** Not compressed. */
  NONE,
  /** gzip (RFC 1952), magic {@code 1f 8b}. */
  GZIP,
  /** zstd frames, magic {@code 28 b5 2f fd}. */
  ZSTD;

  /** The compression whose magic starts {@code head[0..n)}; NONE when neither matches. */
  public static Compression detect(byte[] head, int n) {
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (n >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /** The lower-case name: none, gzip or zstd. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
