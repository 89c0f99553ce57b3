package io.vmlab.app;

import java.util.List;

/**
 * A problem the user can fix (a bad machine file, a broken plugin jar, a bad address): printed as
 * one line per problem, without a stack trace unless {@code --verbose}; exit code 2.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> lines;

  /** One problem. */
  public UserError(String line) {
    this(List.of(line), null);
  }

  /** One problem caused by {@code cause} (shown with --verbose). */
  public UserError(String line, Throwable cause) {
    this(List.of(line), cause);
  }

  /** Several problems, one line each. */
  public UserError(List<String> lines, Throwable cause) {
    super(lines.isEmpty() ? "error" : String.join("\n", lines), cause);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a UserError needs at least one line");
    }
    this.lines = List.copyOf(lines);
  }

  /** The lines to print, one problem each. */
  public List<String> lines() {
    return lines;
  }
}
