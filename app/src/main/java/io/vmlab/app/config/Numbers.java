package io.vmlab.app.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Integer and size literals: decimal or {@code 0x} hex, {@code _} separators, sizes with a binary
 * suffix ({@code 4K}, {@code 256M}, {@code 1G}, {@code 2T}; {@code KiB}/{@code KB} spellings too).
 * Values are unsigned 64-bit.
 */
public final class Numbers {
  private static final Pattern SIZE =
      Pattern.compile("(0[xX][0-9a-fA-F_]+|[0-9][0-9_]*)\\s*(?:([kKmMgGtTpP])(?:i?[bB])?|[bB])?");

  private Numbers() {}

  /**
   * An unsigned integer: decimal, or hex after {@code 0x}; {@code _} may separate digits. A
   * leading zero is refused: YAML 1.1 would read {@code 0777} as octal.
   */
  public static long parseUnsigned(String raw) {
    String s = raw.trim();
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("'" + raw + "' is negative");
    }
    if (s.startsWith("+")) {
      s = s.substring(1);
    }
    boolean hex = s.startsWith("0x") || s.startsWith("0X");
    String digits = (hex ? s.substring(2) : s).replace("_", "");
    if (digits.isEmpty() || s.endsWith("_") || s.contains("__")
        || !digits.chars().allMatch(c -> Character.digit(c, hex ? 16 : 10) >= 0)) {
      throw new IllegalArgumentException("'" + raw + "' is not an integer (write e.g. 4096 or 0x1000)");
    }
    if (!hex && digits.length() > 1 && digits.charAt(0) == '0') {
      throw new IllegalArgumentException("'" + raw + "' has a leading zero, which YAML 1.1 reads as octal: "
          + "write it without the zero, or in hex with 0x");
    }
    try {
      return Long.parseUnsignedLong(digits, hex ? 16 : 10);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + raw + "' does not fit in 64 bits");
    }
  }

  /** A size in bytes: an unsigned integer with an optional binary suffix; at most 2^63 - 1. */
  public static long parseSize(String raw) {
    String s = raw.trim();
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("'" + raw + "' is negative");
    }
    if (s.matches("[0-9_]*\\.[0-9_]+\\s*[a-zA-Z]*")) {
      throw new IllegalArgumentException("'" + raw + "' is not a whole number: write e.g. 1536M for 1.5G");
    }
    Matcher m = SIZE.matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + raw + "' is not a size (write e.g. 4096, 0x1000, 64K, 256M or 1G)");
    }
    long value = parseUnsigned(m.group(1));
    int shift = m.group(2) == null ? 0 : 10 * ("KMGTP".indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1);
    if (value < 0 || (shift > 0 && (value >>> (63 - shift)) != 0)) {
      throw new IllegalArgumentException("'" + raw + "' is too large");
    }
    return value << shift;
  }
}
