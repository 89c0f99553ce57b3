package io.vmlab.app.inspect;

import io.vmlab.app.format.Hex;
import io.vmlab.kernel.seg.UserDesc;
import java.util.Locale;

/**
 * The {@code --ldt} and {@code --tls} argument: {@code ENTRY,BASE,LIMIT[,FLAG...]}, a struct
 * user_desc in one word. ENTRY is decimal (-1 for set_thread_area's "any free slot"), BASE and
 * LIMIT hex. Flags: {@code pages} (limit_in_pages), {@code ro} (read_exec_only: read-only data,
 * execute-only code), {@code code} (contents 2), {@code down} (contents 1: expand-down data),
 * {@code conforming} (contents 3), {@code notpresent}, {@code 16bit} (seg_32bit = 0),
 * {@code useable}.
 */
public final class UserDescSpec {
  /** The syntax, for error messages and help. */
  public static final String SYNTAX = "ENTRY,BASE,LIMIT[,pages|ro|code|down|conforming|notpresent|16bit|useable...]";

  private UserDescSpec() {}

  /**
   * Parses one spec.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static UserDesc parse(String spec) {
    String[] parts = spec.split(",");
    if (parts.length < 3) {
      throw new IllegalArgumentException("'" + spec + "' is not " + SYNTAX + " (e.g. 0,0x10000,0xfff)");
    }
    int entry;
    try {
      entry = Integer.parseInt(parts[0].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("entry '" + parts[0] + "' in '" + spec + "' is not a decimal number", e);
    }
    long base = hex(parts[1], "base", spec, 0xffffffffL);
    long limit = hex(parts[2], "limit", spec, 0xfffffL);
    boolean pages = false;
    boolean ro = false;
    boolean notPresent = false;
    boolean bits32 = true;
    boolean useable = false;
    int contents = UserDesc.MODIFY_LDT_CONTENTS_DATA;
    for (int i = 3; i < parts.length; i++) {
      switch (parts[i].trim().toLowerCase(Locale.ROOT)) {
        case "pages" -> pages = true;
        case "ro" -> ro = true;
        case "code" -> contents = UserDesc.MODIFY_LDT_CONTENTS_CODE;
        case "down" -> contents = UserDesc.MODIFY_LDT_CONTENTS_STACK;
        case "conforming" -> contents = 3;
        case "notpresent" -> notPresent = true;
        case "16bit" -> bits32 = false;
        case "useable" -> useable = true;
        default -> throw new IllegalArgumentException("unknown flag '" + parts[i].trim() + "' in '" + spec
            + "' (flags: pages, ro, code, down, conforming, notpresent, 16bit, useable)");
      }
    }
    return new UserDesc(entry, base, (int) limit, bits32, contents, ro, pages, notPresent, useable, false);
  }

  private static long hex(String s, String what, String spec, long max) {
    long v;
    try {
      v = Hex.parseAddress(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " of '" + spec + "': " + e.getMessage(), e);
    }
    if (Long.compareUnsigned(v, max) > 0) {
      throw new IllegalArgumentException(what + " " + Hex.of(v) + " of '" + spec + "' is wider than " + Hex.of(max));
    }
    return v;
  }
}
