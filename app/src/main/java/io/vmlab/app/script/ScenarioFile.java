package io.vmlab.app.script;

import io.vmlab.app.UserError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A scenario spec (conformance README section 1): name, files, steps. Scalars stay text (they
 * are expressions), and each step remembers its line for error messages.
 */
public final class ScenarioFile {
  private static final List<String> KEYS = List.of("name", "description", "tags", "arch", "files", "steps");
  private static final List<String> BARE = List.of("maps", "smaps", "status", "statm", "minflt");

  private final Path path;
  private final String name;
  private final List<Map<String, Object>> files;
  private final List<Map<String, Object>> steps;

  private ScenarioFile(Path path, String name, List<Map<String, Object>> files, List<Map<String, Object>> steps) {
    this.path = path;
    this.name = name;
    this.files = files;
    this.steps = steps;
  }

  /** Reads a scenario; problems are {@link UserError}s with file:line:col. */
  public static ScenarioFile load(Path path) {
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    opts.setCodePointLimit(4 << 20);
    Node root;
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(opts)).compose(r);
    } catch (MarkedYAMLException e) {
      throw new UserError(path + ":" + (e.getProblemMark().getLine() + 1) + ":" + (e.getProblemMark().getColumn() + 1)
          + ": " + e.getProblem());
    } catch (IOException e) {
      throw new UserError(path + ": cannot read: " + e.getMessage());
    }
    if (!(root instanceof MappingNode m)) {
      throw new UserError(path + ":1:1: a scenario is a mapping with name and steps");
    }
    String name = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    List<Map<String, Object>> files = new ArrayList<>();
    List<Map<String, Object>> steps = null;
    for (NodeTuple t : m.getValue()) {
      String key = scalar(path, t.getKeyNode());
      Node v = t.getValueNode();
      switch (key) {
        case "name" -> name = scalar(path, v);
        case "files" -> {
          for (Node f : seq(path, v)) {
            files.add(plainMap(path, f));
          }
        }
        case "steps" -> steps = steps(path, v);
        default -> {
          if (!KEYS.contains(key)) {
            throw new UserError(at(path, t.getKeyNode()) + "unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
          }
        }
      }
    }
    if (steps == null) {
      throw new UserError(path + ":1:1: missing key 'steps'");
    }
    return new ScenarioFile(path, name, files, steps);
  }

  /**
   * The steps of {@code node} (a list) in the runner's form; a problem is a {@link UserError}
   * naming {@code path}:line:col. Experiments use this for their processes' steps.
   */
  public static List<Map<String, Object>> parseSteps(Path path, Node node) {
    return steps(path, node);
  }

  /** The declared files of {@code node} (a list of mappings with id, size, fill). */
  public static List<Map<String, Object>> parseFiles(Path path, Node node) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (Node f : seq(path, node)) {
      files.add(plainMap(path, f));
    }
    return files;
  }

  private static List<Map<String, Object>> steps(Path path, Node node) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Node s : seq(path, node)) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("line", s.getStartMark().getLine() + 1);
      if (s instanceof ScalarNode sc) {
        String op = sc.getValue();
        if (!BARE.contains(op)) {
          throw new UserError(at(path, s) + "'" + op + "' needs arguments (write '- " + op + ": {...}')");
        }
        step.put("op", op);
        step.put("args", Map.of());
      } else if (s instanceof MappingNode mn && mn.getValue().size() == 1) {
        NodeTuple t = mn.getValue().get(0);
        String op = scalar(path, t.getKeyNode());
        step.put("op", op);
        Node argsNode = t.getValueNode();
        if (argsNode instanceof ScalarNode an && an.getValue().isEmpty()) {
          step.put("args", Map.of());
        } else {
          Map<String, Object> args = new LinkedHashMap<>();
          if (!(argsNode instanceof MappingNode am)) {
            throw new UserError(at(path, argsNode) + op + ": arguments must be a mapping");
          }
          for (NodeTuple a : am.getValue()) {
            String k = scalar(path, a.getKeyNode());
            if (op.equals("fork") && k.equals("steps")) {
              step.put("child", Map.of("steps", steps(path, a.getValueNode())));
            } else {
              args.put(k, value(path, a.getValueNode()));
            }
          }
          step.put("args", args);
        }
      } else {
        throw new UserError(at(path, s) + "a step is 'op: {args}' or a bare observation such as 'maps'");
      }
      out.add(step);
    }
    return out;
  }

  private static Object value(Path path, Node n) {
    if (n instanceof ScalarNode s) {
      return s.getValue();
    }
    if (n instanceof SequenceNode q) {
      List<Object> l = new ArrayList<>();
      for (Node e : q.getValue()) {
        l.add(value(path, e));
      }
      return l;
    }
    return plainMap(path, n);
  }

  private static Map<String, Object> plainMap(Path path, Node n) {
    if (!(n instanceof MappingNode m)) {
      throw new UserError(at(path, n) + "expected a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      out.put(scalar(path, t.getKeyNode()), value(path, t.getValueNode()));
    }
    return out;
  }

  private static List<Node> seq(Path path, Node n) {
    if (!(n instanceof SequenceNode s)) {
      throw new UserError(at(path, n) + "expected a list");
    }
    return s.getValue();
  }

  private static String scalar(Path path, Node n) {
    if (!(n instanceof ScalarNode s)) {
      throw new UserError(at(path, n) + "expected a single value");
    }
    return s.getValue();
  }

  static String at(Path path, Node n) {
    return path + ":" + (n.getStartMark().getLine() + 1) + ":" + (n.getStartMark().getColumn() + 1) + ": ";
  }

  public Path path() {
    return path;
  }

  public String name() {
    return name;
  }

  /** The declared files: id, size, fill (texts). */
  public List<Map<String, Object>> files() {
    return files;
  }

  /** The steps as the runner takes them: op, args, line, and a fork's child steps. */
  public List<Map<String, Object>> steps() {
    return steps;
  }
}
