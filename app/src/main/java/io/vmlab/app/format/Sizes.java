package io.vmlab.app.format;

import java.util.Locale;

/** Byte counts in binary units: {@code 4 KiB}, {@code 128 TiB - 4 KiB}, {@code ~1.5 GiB}. */
public final class Sizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Sizes() {}

  /**
   * The size in the largest binary unit it reaches: exact when it is a whole number of that unit,
   * {@code 128 TiB - 4 KiB} when it falls short of one by a small exact amount, else {@code ~}
   * and one decimal. {@code bytes} is unsigned.
   */
  public static String of(long bytes) {
    if (bytes >= 0 && bytes < 1024) {
      return bytes + " B";
    }
    int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
    int shift = 10 * unit;
    long whole = bytes >>> shift;
    if (whole << shift == bytes) {
      return whole + " " + UNITS[unit];
    }
    if (unit < UNITS.length - 1) {
      long shortBy = ((whole + 1) << shift) - bytes;
      String small = of(shortBy);
      if (Long.compareUnsigned(shortBy, 1L << (shift - 10)) < 0 && !small.startsWith("~") && !small.contains(" - ")) {
        return (whole + 1) + " " + UNITS[unit] + " - " + small;
      }
    }
    double value = unsignedToDouble(bytes) / Math.pow(1024, unit);
    return String.format(Locale.ROOT, "~%.1f %s", value, UNITS[unit]);
  }

  /** A resource limit: {@code unlimited} for -1, else {@link #of}. */
  public static String limit(long bytes) {
    return bytes == -1 ? "unlimited" : of(bytes);
  }

  private static double unsignedToDouble(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0;
  }
}
