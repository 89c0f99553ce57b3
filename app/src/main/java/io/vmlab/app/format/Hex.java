package io.vmlab.app.format;

/** Unsigned 64-bit hex: how vmlab prints and reads addresses. */
public final class Hex {
  private Hex() {}

  /** {@code 0x} and lowercase hex digits, unsigned ({@code -1} is {@code 0xffffffffffffffff}). */
  public static String of(long value) {
    return "0x" + Long.toHexString(value);
  }

  /**
   * Parses an address: hex digits with or without {@code 0x}, {@code _} separators allowed,
   * up to 64 bits (unsigned).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static long parseAddress(String text) {
    String s = text.trim().replace("_", "");
    if (s.startsWith("0x") || s.startsWith("0X")) {
      s = s.substring(2);
    }
    if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("'" + text + "' is not a hex address (e.g. 0x08048000)");
    }
    String digits = s.replaceFirst("^0+(?=.)", "");
    if (digits.length() > 16) {
      throw new IllegalArgumentException("'" + text + "' does not fit in 64 bits");
    }
    return Long.parseUnsignedLong(digits, 16);
  }
}
