package io.vmlab.app.trace;

import java.util.Locale;

/** The formats a trace file can have ({@code --format} names them). */
public enum TraceFormat {
  /** A valgrind lackey log ({@code valgrind --tool=lackey --trace-mem=yes}). */
  LACKEY,
  /** A list of page numbers, one per line or comma/space separated, {@code w} suffix for writes. */
  PAGES,
  /** vmlab's compact binary form ({@code vmlab trace convert}). */
  BINARY;

  /** The name used on the command line and in output: lackey, pages or binary. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
