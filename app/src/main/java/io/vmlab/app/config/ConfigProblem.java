package io.vmlab.app.config;

/**
 * One problem in a config file, at a 1-based line and column.
 *
 * @param file the file as the user should read it
 * @param line 1-based line
 * @param column 1-based column
 * @param message what is wrong
 */
public record ConfigProblem(String file, int line, int column, String message) {
  /** {@code FILE:LINE:COL: message}. */
  public String format() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
