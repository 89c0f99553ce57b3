package io.vmlab.app.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A 1-based line and column in a file. SnakeYAML's marks are 0-based; this is where that is
 * corrected, once. {@code file} is null for "the file being read"; a node copied in from another
 * file (an experiment's sweep value set into a machine) carries its own file in its mark's name.
 */
public record Position(int line, int column, String file) {
  /** The start of a file. */
  public static final Position START = new Position(1, 1);

  /** A position in the file being read. */
  public Position(int line, int column) {
    this(line, column, null);
  }

  /** Where {@code mark} points, or the file start if null. */
  public static Position of(Mark mark) {
    if (mark == null) {
      return START;
    }
    // SnakeYAML names its own streams in quotes ('reader', 'string'); Nodes.relocate names a file.
    String name = mark.getName();
    String file = name == null || name.startsWith("'") ? null : name;
    return new Position(mark.getLine() + 1, mark.getColumn() + 1, file);
  }

  /** Where {@code node} starts. */
  public static Position of(Node node) {
    return of(node.getStartMark());
  }
}
