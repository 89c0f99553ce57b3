package io.vmlab.app.report;

import java.util.Locale;

/** Simulated durations for people: {@code 850 ns}, {@code 12.5 µs}, {@code 3.207 ms}, {@code 41.93 s}. */
public final class Durations {
  private Durations() {}

  /** {@code nanos} in the largest unit that keeps it at least 1, with 4 significant digits at most. */
  public static String of(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    double v;
    String unit;
    if (nanos < 1_000_000) {
      v = nanos / 1e3;
      unit = "µs";
    } else if (nanos < 1_000_000_000) {
      v = nanos / 1e6;
      unit = "ms";
    } else {
      v = nanos / 1e9;
      unit = "s";
    }
    int decimals = v >= 100 ? 1 : v >= 10 ? 2 : 3;
    return String.format(Locale.ROOT, "%." + decimals + "f %s", v, unit);
  }
}
