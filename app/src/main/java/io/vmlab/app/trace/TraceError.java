package io.vmlab.app.trace;

import io.vmlab.app.UserError;
import java.nio.file.Path;

/**
 * A trace that cannot be read: a bad line ({@code file:line:col: message}), a corrupt or truncated
 * file ({@code file: message}). A {@link UserError}, so the command prints one line and exits 2.
 */
public final class TraceError extends UserError {
  private static final long serialVersionUID = 1L;
  private final long line;

  private TraceError(String text, long line, Throwable cause) {
    super(text, cause);
    this.line = line;
  }

  /** A problem at line {@code line} (1-based), column {@code col} (1-based) of {@code file}. */
  public static TraceError at(Path file, long line, long col, String message) {
    return new TraceError(file + ":" + line + ":" + col + ": " + message, line, null);
  }

  /** A problem with the whole of {@code file}. */
  public static TraceError of(Path file, String message) {
    return new TraceError(file + ": " + message, 0, null);
  }

  /** A problem with {@code file} caused by {@code cause} (an I/O or decompression error). */
  public static TraceError of(Path file, String message, Throwable cause) {
    return new TraceError(file + ": " + message, 0, cause);
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  public long line() {
    return line;
  }
}
