package io.vmlab.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.config.ConfigException;
import io.vmlab.app.config.MachineLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template plugin's jar, as its own build makes it (plugins/policy-template), dropped into a
 * plugins directory next to the bundled ones: vmlab lists it and machines can name its policy.
 */
class TemplateDropInTest {
  /** The built template jar (app/pom.xml copies it to target/dropin; it is not bundled). */
  private static Path templateJar() throws IOException {
    Path dir = Path.of(System.getProperty("vmlab.dropin", "target/dropin"));
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("policy-template")).findFirst().orElseThrow();
    }
  }

  private static Path pluginsWithTemplate(Path dir) throws IOException {
    PluginJars.copyRealPlugins(TestPaths.plugins(), dir);
    Files.copy(templateJar(), dir.resolve(templateJar().getFileName()));
    return dir;
  }

  private static Path machineNaming(String policy, Path dir) throws IOException {
    String yaml = Files.readString(TestPaths.machine("x86_64-4level"));
    assertTrue(yaml.contains("replacement: lru-2q"), "the bundled machine names lru-2q");
    Path file = dir.resolve("mru-machine.yaml");
    Files.writeString(file, yaml.replace("replacement: lru-2q", "replacement: " + policy));
    return file;
  }

  @Test
  void droppedInTemplateIsLoadedAndWorks(@TempDir Path dir) throws IOException {
    try (PluginHost host = PluginHost.load(pluginsWithTemplate(dir))) {
      LoadedPlugin template = host.plugins().stream().filter(p -> p.id().equals("policy-template")).findFirst().orElseThrow();
      assertEquals("1.0.0", template.version(), "plugin.version from the template's pom");
      ExtensionInfo mru = host.registry().extensions(ExtensionKind.REPLACEMENT).get("mru");
      assertEquals("policy-template", mru.pluginId());
      // Its evictor, through the host's API types: loads 3, 5, 7; 5 referenced last goes first.
      ReplacementPolicy policy = host.registry().replacementPolicies().get("mru");
      Evictor ev = policy.create(new TinyContext(8));
      ev.added(3);
      ev.added(5);
      ev.added(7);
      ev.referenced(5);
      assertEquals(5, ev.victim());
      assertEquals(7, ev.victim());
      assertEquals(ReplacementPolicy.Characteristic.EVERY_REFERENCE, policy.characteristics().iterator().next());
    }
  }

  @Test
  void machineFileNamesTheDroppedInPolicy(@TempDir Path dir) throws IOException {
    Path plugins = Files.createDirectory(dir.resolve("plugins"));
    Path machine = machineNaming("mru", dir);
    try (PluginHost host = PluginHost.load(pluginsWithTemplate(plugins))) {
      assertEquals("mru", MachineLoader.load(machine, host.registry()).spec().policies().replacement());
    }
    try (PluginHost bundled = PluginHost.load(TestPaths.plugins())) {
      ConfigException e = assertThrows(ConfigException.class, () -> MachineLoader.load(machine, bundled.registry()));
      assertTrue(e.getMessage().contains("machine.policies.replacement: unknown replacement policy 'mru'"), e.getMessage());
    }
  }

  @Test
  void pluginsCommandListsIt(@TempDir Path dir) throws IOException {
    CliRun.Result r = CliRun.vmlab("plugins", "--plugins-dir", pluginsWithTemplate(dir).toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("9 plugins in "), r.out());
    for (String s : List.of("policy-template 1.0.0", "replacement policy  mru", "policy-template-0.1.0.jar")) {
      assertTrue(r.out().contains(s), "missing '" + s + "' in\n" + r.out());
    }
  }

  private record TinyContext(int capacity) implements ReplacementContext {
    @Override
    public SplittableRandom random() {
      return new SplittableRandom(1);
    }

    @Override
    public boolean testAndClearReferenced(int frame) {
      return false;
    }

    @Override
    public boolean dirty(int frame) {
      return false;
    }

    @Override
    public boolean anonymous(int frame) {
      return true;
    }

    @Override
    public long page(int frame) {
      return frame;
    }

    @Override
    public long nextReference(int frame) {
      throw new UnsupportedOperationException();
    }
  }
}
