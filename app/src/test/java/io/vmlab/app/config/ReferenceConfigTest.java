package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.TestPaths;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.config.MachineSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** configs/reference.yaml documents every key, at its default, and is itself a valid machine. */
class ReferenceConfigTest {
  private static PluginHost host;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  private static Path reference() {
    return TestPaths.home().resolve("configs/reference.yaml");
  }

  @Test
  void referenceLoadsAsAMachineWithEveryDefault() {
    MachineSpec spec = MachineLoader.load(reference(), host.registry()).spec();
    MachineSpec defaults = MachineSpec.defaults("x86_64", "4level");
    assertEquals("reference", spec.name());
    assertEquals("x86_64", spec.arch());
    assertNull(spec.split(), "split: default means the architecture's default");
    assertEquals(defaults.memoryBytes(), spec.memoryBytes());
    assertEquals(defaults.swapBytes(), spec.swapBytes());
    assertEquals(defaults.kernel(), spec.kernel());
    assertEquals(defaults.tlb(), spec.tlb());
    assertEquals(defaults.policies(), spec.policies());
    assertEquals(defaults.limits(), spec.limits());
    assertEquals(defaults.randomize(), spec.randomize());
    assertEquals(defaults.seed(), spec.seed());
    assertEquals(defaults.cpu(), spec.cpu());
  }

  @Test
  void referenceGivesEveryKeyOfTheSchema() throws IOException {
    Node root;
    try (Reader r = Files.newBufferedReader(reference())) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(r);
    }
    for (Map.Entry<String, List<String>> section : MachineKeys.SECTIONS.entrySet()) {
      MappingNode node = (MappingNode) find(root, section.getKey());
      TreeSet<String> present = new TreeSet<>();
      for (NodeTuple t : node.getValue()) {
        present.add(((ScalarNode) t.getKeyNode()).getValue());
      }
      assertEquals(new TreeSet<>(section.getValue()), present, "keys of '" + section.getKey() + "'");
    }
  }

  @Test
  void referenceSaysWhereExperimentsAreDocumented() throws IOException {
    // ReferenceExperimentTest checks the commented-out experiment block itself.
    String text = Files.readString(reference());
    assertTrue(text.contains("Experiments (`vmlab run FILE`) are documented at the end of this"), text);
    assertTrue(text.contains("\n# BEGIN experiment reference\n"), "the block's start marker");
  }

  private static Node find(Node root, String path) {
    Node node = root;
    if (path.isEmpty()) {
      return node;
    }
    for (String key : path.split("\\.")) {
      Node next = null;
      for (NodeTuple t : ((MappingNode) node).getValue()) {
        if (((ScalarNode) t.getKeyNode()).getValue().equals(key)) {
          next = t.getValueNode();
        }
      }
      node = next;
    }
    return node;
  }
}
