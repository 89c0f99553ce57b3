package io.vmlab.app.trace.lackey;

import io.vmlab.app.trace.AccessKind;

/**
 * The shape of one lackey line: {@code I  04000b30,3}, {@code  L 1ffefff8,8}, {@code  S ...},
 * {@code  M ...} (type in columns 0-2, address in hex without 0x from column 3, a comma, the size
 * in decimal bytes), or a valgrind {@code ==pid==} line. Byte tables for the parser.
 */
public final class LackeyLine {
  /** Hex digit value of each byte, -1 for a non-digit. */
  static final byte[] HEX = new byte[256];
  /** The {@link AccessKind} of a data line's type letter (column 1), -1 for another byte. */
  static final byte[] DATA_KIND = new byte[256];
  /** {@link #TYPE}'s value for the {@code ==} of a valgrind line. */
  static final int TYPE_BANNER = 4;
  /** {@link #TYPE}'s value for anything else. */
  static final int TYPE_BAD = 5;
  /**
   * The line type from columns 0 and 1 as a little-endian 16-bit index: an {@link AccessKind} for
   * {@code "I "}, {@code " L"}, {@code " S"}, {@code " M"}; {@link #TYPE_BANNER} for {@code "=="};
   * else {@link #TYPE_BAD}.
   */
  static final byte[] TYPE = new byte[1 << 16];

  static {
    java.util.Arrays.fill(HEX, (byte) -1);
    for (int i = 0; i < 10; i++) {
      HEX['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      HEX['a' + i] = (byte) (10 + i);
      HEX['A' + i] = (byte) (10 + i);
    }
    java.util.Arrays.fill(DATA_KIND, (byte) -1);
    DATA_KIND['L'] = AccessKind.READ;
    DATA_KIND['S'] = AccessKind.WRITE;
    DATA_KIND['M'] = AccessKind.MODIFY;
    java.util.Arrays.fill(TYPE, (byte) TYPE_BAD);
    TYPE['I' | ' ' << 8] = AccessKind.EXEC;
    TYPE[' ' | 'L' << 8] = AccessKind.READ;
    TYPE[' ' | 'S' << 8] = AccessKind.WRITE;
    TYPE[' ' | 'M' << 8] = AccessKind.MODIFY;
    TYPE['=' | '=' << 8] = TYPE_BANNER;
  }

  private LackeyLine() {}

  /**
   * Whether {@code b[from..to)} (one line without its newline) is a lackey line: an access line
   * or a valgrind {@code ==pid==} line. Used to tell a lackey log from a page list.
   */
  public static boolean matches(byte[] b, int from, int to) {
    int len = to - from;
    if (len >= 2 && b[from] == '=' && b[from + 1] == '=') {
      int i = from + 2;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      return i > from + 2 && i + 1 < to && b[i] == '=' && b[i + 1] == '=';
    }
    if (len < 6) {
      return false;
    }
    boolean typed = (b[from] == 'I' && b[from + 1] == ' ')
        || (b[from] == ' ' && DATA_KIND[b[from + 1] & 0xff] >= 0);
    if (!typed || b[from + 2] != ' ') {
      return false;
    }
    int i = from + 3;
    while (i < to && HEX[b[i] & 0xff] >= 0) {
      i++;
    }
    if (i == from + 3 || i - (from + 3) > 16 || i >= to || b[i] != ',') {
      return false;
    }
    int s = ++i;
    while (i < to && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i > s && i == to;
  }

  /** {@code c} as it should appear in a message: {@code 'x'} if printable ASCII, else its hex code. */
  static String show(byte c) {
    if (c >= 0x21 && c < 0x7f) {
      return "'" + (char) c + "'";
    }
    if (c == ' ') {
      return "a space";
    }
    if (c == '\n') {
      return "the end of the line";
    }
    return String.format("byte 0x%02x", c & 0xff);
  }
}
