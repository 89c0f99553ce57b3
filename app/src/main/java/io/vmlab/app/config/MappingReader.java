package io.vmlab.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A typed view of one YAML mapping with a fixed set of keys. Reading it records, as problems,
 * duplicate keys, unknown keys (with the closest valid one), values of the wrong shape and values
 * that do not parse; each lookup then falls back to its default so reading can go on and every
 * problem in the file is found in one pass.
 */
final class MappingReader {
  private final String path;
  private final Problems problems;
  private final KeyMarks marks;
  private final Set<String> failed;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  private MappingReader(String path, Problems problems, KeyMarks marks, Set<String> failed) {
    this.path = path;
    this.problems = problems;
    this.marks = marks;
    this.failed = failed;
  }

  /**
   * Reads {@code node} as a mapping with {@code keys}. A missing or null node reads as empty.
   *
   * @param path the mapping's dotted path ({@code ""} for the document root)
   * @param failed receives the paths of keys whose value could not be used
   */
  static MappingReader of(Node node, String path, List<String> keys, Problems problems, KeyMarks marks,
      Set<String> failed) {
    MappingReader reader = new MappingReader(path, problems, marks, failed);
    if (node == null || isNull(node)) {
      return reader;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.add(Position.of(node), label(path) + "expected a mapping (key: value lines), got " + describe(node));
      failed.add(path);
      return reader;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      reader.addEntry(tuple, keys);
    }
    return reader;
  }

  private void addEntry(NodeTuple tuple, List<String> keys) {
    Node keyNode = tuple.getKeyNode();
    Position at = Position.of(keyNode);
    if (!(keyNode instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
      problems.add(at, label(path) + "a key must be a plain word, got " + describe(keyNode));
      return;
    }
    String key = scalar.getValue();
    if (keyNode.getTag().equals(Tag.MERGE)) {
      problems.add(at, label(path) + "merge keys (<<) are not supported: write the keys out");
      return;
    }
    NodeTuple first = entries.get(key);
    if (first != null) {
      problems.add(at, "duplicate key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
          + " (first given at line " + Position.of(first.getKeyNode()).line() + ")");
      return;
    }
    if (!keys.contains(key)) {
      String where = path.isEmpty() ? "unknown top-level key '" + key + "'" : "unknown key '" + key + "' in " + path;
      String hint = Suggestions.closest(key, keys).map(k -> "; did you mean '" + k + "'?")
          .orElse(" (valid: " + String.join(", ", keys) + ")");
      problems.add(at, where + hint);
      return;
    }
    entries.put(key, tuple);
    marks.put(child(key), Position.of(tuple.getValueNode()));
  }

  /** Whether the mapping gives {@code key}. */
  boolean has(String key) {
    return entries.containsKey(key);
  }

  /** Where {@code key}'s value starts, or where this mapping starts if the key is absent. */
  Position position(String key) {
    return marks.positionOf(child(key));
  }

  /** The dotted path of {@code key} in this mapping. */
  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The nested mapping under {@code key} (empty if absent). */
  MappingReader mapping(String key, List<String> keys) {
    NodeTuple t = entries.get(key);
    return of(t == null ? null : t.getValueNode(), child(key), keys, problems, marks, failed);
  }

  /** {@code key}'s value parsed by {@code type}, or {@code dflt} if absent or unusable. */
  <T> T get(String key, Scalar<T> type, T dflt) {
    NodeTuple t = entries.get(key);
    if (t == null) {
      return dflt;
    }
    Node value = t.getValueNode();
    String name = child(key);
    if (!(value instanceof ScalarNode scalar)) {
      return fail(name, value, "expected " + type.expected() + ", got " + describe(value), dflt);
    }
    if (isNull(value)) {
      return fail(name, value, "no value given (expected " + type.expected() + ")", dflt);
    }
    if (!value.getTag().getValue().startsWith(Tag.PREFIX)) {
      return fail(name, value, "YAML tag '" + value.getTag().getValue() + "' is not supported", dflt);
    }
    try {
      return type.parse(scalar.getValue());
    } catch (IllegalArgumentException e) {
      return fail(name, value, e.getMessage(), dflt);
    }
  }

  /** Like {@link #get}, but a null value ({@code ~}, or nothing after the colon) gives null. */
  <T> T getOrNull(String key, Scalar<T> type, T dflt) {
    NodeTuple t = entries.get(key);
    return t != null && isNull(t.getValueNode()) ? null : get(key, type, dflt);
  }

  private <T> T fail(String name, Node at, String message, T dflt) {
    problems.add(Position.of(at), name + ": " + message);
    failed.add(name);
    return dflt;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  private static String label(String path) {
    return path.isEmpty() ? "" : path + ": ";
  }

  /** How a node looks, for "got ..." in messages. */
  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    } else if (node instanceof SequenceNode) {
      return "a list";
    } else if (node instanceof ScalarNode s) {
      return "'" + s.getValue() + "'";
    }
    return "a " + node.getNodeId();
  }
}
