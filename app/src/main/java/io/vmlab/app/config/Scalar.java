package io.vmlab.app.config;

/**
 * How to read one typed value from a YAML scalar's raw text (never from SnakeYAML's YAML 1.1
 * guess at its type).
 *
 * @param <T> the value's type
 */
public interface Scalar<T> {
  /**
   * The value {@code raw} denotes.
   *
   * @throws IllegalArgumentException with a message saying what is wrong (no key prefix)
   */
  T parse(String raw);

  /** What a valid value looks like, for messages: {@code a size such as 256M}. */
  String expected();
}
