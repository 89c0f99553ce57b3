package io.vmlab.app.config;

import io.vmlab.app.VmlabHome;
import io.vmlab.app.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads, binds and validates one machine file; throws a {@link ConfigException} listing every problem. */
public final class MachineLoader {
  /**
   * A value an experiment sets in a machine before it is bound (a sweep point).
   *
   * @param path the keys below {@code machine}, e.g. [policies, replacement]
   * @param keyNode where the experiment names the key
   * @param value the value node, in the experiment's file
   * @param file the experiment file as problems name it
   */
  public record Override(List<String> path, Node keyNode, Node value, String file) {}

  private MachineLoader() {}

  /** The machine in {@code file}, checked against {@code registry}'s plugins. */
  public static LoadedMachine load(Path file, PluginRegistry registry) {
    return load(file, registry, List.of());
  }

  /** The machine in {@code file} with {@code overrides} applied, checked against the plugins. */
  public static LoadedMachine load(Path file, PluginRegistry registry, List<Override> overrides) {
    Problems problems = new Problems(VmlabHome.display(file));
    Node root = YamlReader.compose(file, problems);
    problems.throwIfAny();
    return bind(root, file, baseName(file), registry, overrides, problems);
  }

  /**
   * A machine written inline in an experiment: {@code body} is the value of its {@code machine:}
   * key, in {@code experimentFile} (problems point there).
   */
  public static LoadedMachine inline(Node body, String experimentFile, String defaultName, PluginRegistry registry,
      List<Override> overrides) {
    Problems problems = new Problems(experimentFile);
    Node copy = Nodes.relocate(body, experimentFile);
    ScalarNode key = new ScalarNode(Tag.STR, "machine", body.getStartMark(), body.getEndMark(),
        DumperOptions.ScalarStyle.PLAIN);
    MappingNode root = new MappingNode(Tag.MAP, new ArrayList<>(List.of(new NodeTuple(key, copy))),
        DumperOptions.FlowStyle.BLOCK);
    return bind(root, null, defaultName, registry, overrides, problems);
  }

  private static LoadedMachine bind(Node root, Path file, String defaultName, PluginRegistry registry,
      List<Override> overrides, Problems problems) {
    for (Override o : overrides) {
      List<String> path = new ArrayList<>();
      path.add("machine");
      path.addAll(o.path());
      Node value = Nodes.relocate(o.value(), o.file());
      Node keyAt = Nodes.relocate(o.keyNode(), o.file());
      if (!(root instanceof MappingNode m) || !Nodes.set(m, path, keyAt, value)) {
        problems.add(Position.of(keyAt), "cannot set '" + String.join(".", path) + "': the machine has a "
            + "value there that is not a mapping");
      }
    }
    problems.throwIfAny();
    KeyMarks marks = new KeyMarks();
    MachineBinder.Bound bound = MachineBinder.bind(root, defaultName, registry.architectures(), problems, marks);
    if (bound != null) {
      MachineValidator.validate(bound.spec(), bound.failedKeys(), registry, marks, problems);
    }
    problems.throwIfAny();
    return new LoadedMachine(bound.spec(), file, marks);
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.replaceFirst("\\.(yaml|yml)$", "");
  }
}
