package io.vmlab.app.report.progress;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * Whether stderr is an interactive terminal. Java 17 has {@code System.console()}, which only says
 * that stdin and stdout are terminals; stderr may still go to a file ({@code 2>log}), so on POSIX
 * systems {@code test -t 2} asks about stderr itself, once. TERM=dumb counts as no terminal.
 */
final class Terminals {
  private static volatile Boolean stderr;

  private Terminals() {}

  /** True when a progress bar may be drawn on stderr. */
  static boolean stderrIsTerminal() {
    Boolean cached = stderr;
    if (cached == null) {
      cached = System.console() != null && !"dumb".equals(System.getenv("TERM")) && stderrTty();
      stderr = cached;
    }
    return cached;
  }

  private static boolean stderrTty() {
    if (File.separatorChar != '/') {
      return true;
    }
    try {
      Process p = new ProcessBuilder("test", "-t", "2")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
