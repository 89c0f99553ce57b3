package io.vmlab.app.report.proc;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * C's {@code printf("%.Nf")} for a double, as glibc prints it: the exact binary value rounded to N
 * decimals, ties to even. Java's {@code String.format} rounds ties of the shortest decimal form up
 * ({@code 1.25} gives {@code 1.3} where C gives {@code 1.2}).
 */
final class CFormat {
  private CFormat() {}

  /** {@code value} with {@code decimals} digits after the point. */
  static String fixed(double value, int decimals) {
    return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
  }
}
