package io.vmlab.app.inspect;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.SegmentRegister;
import io.vmlab.app.format.Hex;
import java.util.Locale;

/**
 * A logical address as {@code vmlab translate --logical} takes it: {@code SEL:OFFSET} (the
 * selector is loaded into DS, or CS for an instruction fetch), {@code REG=SEL:OFFSET} (loaded into
 * REG) or {@code REG:OFFSET} (the process's current selector in REG).
 *
 * @param text what the user wrote
 * @param register the segment register the access goes through
 * @param selector the selector to load, or -1 to use the register's current one
 * @param offset the offset
 */
public record LogicalAddress(String text, SegmentRegister register, int selector, long offset) {
  /**
   * Parses {@code text}. Selectors are hex with {@code 0x} or decimal; offsets are hex, with or
   * without {@code 0x}.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static LogicalAddress parse(String text, Access access) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a logical address: give SEL:OFFSET, REG:OFFSET or "
          + "REG=SEL:OFFSET (e.g. 0x73:0x08048000, ds:0x1000)");
    }
    String left = s.substring(0, colon).trim();
    long offset;
    try {
      offset = Hex.parseAddress(s.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("offset of '" + text + "': " + e.getMessage(), e);
    }
    SegmentRegister reg;
    int selector;
    int eq = left.indexOf('=');
    if (eq >= 0) {
      reg = register(left.substring(0, eq).trim(), text);
      selector = selector(left.substring(eq + 1).trim(), text);
    } else if (isRegister(left)) {
      reg = register(left, text);
      selector = -1;
    } else {
      selector = selector(left, text);
      reg = access == Access.EXEC ? SegmentRegister.CS : SegmentRegister.DS;
    }
    if (access == Access.EXEC && reg != SegmentRegister.CS) {
      throw new IllegalArgumentException("'" + text + "': instruction fetches go through cs, not " + reg.linuxName());
    }
    return new LogicalAddress(text, reg, selector, offset);
  }

  private static boolean isRegister(String s) {
    for (SegmentRegister r : SegmentRegister.values()) {
      if (r.linuxName().equalsIgnoreCase(s)) {
        return true;
      }
    }
    return false;
  }

  private static SegmentRegister register(String s, String text) {
    for (SegmentRegister r : SegmentRegister.values()) {
      if (r.linuxName().equalsIgnoreCase(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("'" + s + "' in '" + text + "' is not a segment register (cs, ds, es, fs, gs, ss)");
  }

  private static int selector(String s, String text) {
    String t = s.replace("_", "").toLowerCase(Locale.ROOT);
    long v;
    try {
      v = t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t, 10);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' in '" + text + "' is not a selector (hex 0x73 or decimal 115) "
          + "or a segment register (cs, ds, es, fs, gs, ss)", e);
    }
    if (v < 0 || v > 0xffff) {
      throw new IllegalArgumentException("selector '" + s + "' in '" + text + "' does not fit in 16 bits");
    }
    return (int) v;
  }
}
