package io.vmlab.app.config;

import io.vmlab.app.VmlabHome;
import io.vmlab.app.plugin.PluginRegistry;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.Node;

/** Reads, binds and validates one machine file; throws a {@link ConfigException} listing every problem. */
public final class MachineLoader {
  private MachineLoader() {}

  /** The machine in {@code file}, checked against {@code registry}'s plugins. */
  public static LoadedMachine load(Path file, PluginRegistry registry) {
    Problems problems = new Problems(VmlabHome.display(file));
    Node root = YamlReader.compose(file, problems);
    problems.throwIfAny();
    KeyMarks marks = new KeyMarks();
    MachineBinder.Bound bound = MachineBinder.bind(root, baseName(file), registry.architectures(), problems, marks);
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
