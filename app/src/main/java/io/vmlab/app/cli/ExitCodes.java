package io.vmlab.app.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** vmlab's exit codes (picocli's conventions). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A failure inside vmlab (a bug, or an I/O error). */
  public static final int FAILURE = 1;
  /** A usage or configuration error the user can fix. */
  public static final int USAGE = 2;

  /** The exit-code section of every command's --help, code to meaning. */
  static final Map<String, String> HELP = helpList();

  private ExitCodes() {}

  private static Map<String, String> helpList() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(" " + OK, "success");
    m.put(" " + FAILURE, "failure inside vmlab (--verbose shows the stack trace)");
    m.put(" " + USAGE, "usage or configuration error: a bad option, machine file, address or plugin jar");
    return Collections.unmodifiableMap(m);
  }
}
