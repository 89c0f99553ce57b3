package io.vmlab.app.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A 1-based line and column in a file. SnakeYAML's marks are 0-based; this is where that is
 * corrected, once.
 */
public record Position(int line, int column) {
  /** The start of a file. */
  public static final Position START = new Position(1, 1);

  /** Where {@code mark} points, or the file start if null. */
  public static Position of(Mark mark) {
    return mark == null ? START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** Where {@code node} starts. */
  public static Position of(Node node) {
    return of(node.getStartMark());
  }
}
