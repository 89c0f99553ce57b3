package io.vmlab.app.script;

import java.util.Map;

/**
 * Scenario expressions (conformance README section 1): a number (decimal, 0x hex, a K/M/G/T
 * suffix, products such as 3*4K) or one id plus or minus such numbers (a+0x2000, brk0-4K,
 * a+2M-0x1000). Arithmetic wraps at the process's word size.
 */
public final class Expressions {
  private Expressions() {}

  /** Evaluates {@code text} with the ids defined so far. */
  public static long eval(String text, Map<String, Long> ids, int wordBytes) {
    String s = text.replace(" ", "");
    if (s.isEmpty()) {
      throw new StepError("empty expression");
    }
    long value = 0;
    int i = 0;
    boolean sawId = false;
    int sign = 1;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      sign = s.charAt(0) == '-' ? -1 : 1;
      i = 1;
    }
    while (i < s.length()) {
      int j = i;
      while (j < s.length() && s.charAt(j) != '+' && s.charAt(j) != '-') {
        j++;
      }
      String term = s.substring(i, j);
      long v;
      if (!term.isEmpty() && (Character.isLetter(term.charAt(0)) || term.charAt(0) == '_')
          && !term.matches("(?i)[0-9].*")) {
        if (sawId) {
          throw new StepError("at most one id in an expression: '" + text + "'");
        }
        if (sign < 0) {
          throw new StepError("an id can only be added: '" + text + "'");
        }
        Long idv = ids.get(term);
        if (idv == null) {
          throw new StepError("unknown id '" + term + "' in '" + text + "' (defined: " + String.join(", ", ids.keySet()) + ")");
        }
        v = idv;
        sawId = true;
      } else {
        v = product(term, text);
      }
      value += sign * v;
      if (j < s.length()) {
        sign = s.charAt(j) == '-' ? -1 : 1;
        j++;
      }
      i = j;
    }
    return wordBytes == 4 ? value & 0xffffffffL : value;
  }

  private static long product(String term, String text) {
    long v = 1;
    for (String f : term.split("\\*")) {
      v *= number(f, text);
    }
    return v;
  }

  /** A number with an optional binary suffix. */
  static long number(String f, String text) {
    if (f.isEmpty()) {
      throw new StepError("bad expression '" + text + "'");
    }
    long mult = 1;
    char last = Character.toUpperCase(f.charAt(f.length() - 1));
    boolean hex = f.startsWith("0x") || f.startsWith("0X");
    if (!hex || f.length() > 2 && "KMGT".indexOf(last) >= 0 && !isHexDigit(last)) {
      int shift = switch (last) {
        case 'K' -> 10;
        case 'M' -> 20;
        case 'G' -> 30;
        case 'T' -> 40;
        default -> 0;
      };
      if (shift > 0) {
        mult = 1L << shift;
        f = f.substring(0, f.length() - 1);
      }
    }
    try {
      long n = hex ? Long.parseUnsignedLong(f.substring(2), 16) : Long.parseLong(f);
      return n * mult;
    } catch (NumberFormatException e) {
      throw new StepError("bad number '" + f + "' in '" + text + "'");
    }
  }

  private static boolean isHexDigit(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
