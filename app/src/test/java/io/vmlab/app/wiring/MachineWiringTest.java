package io.vmlab.app.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import io.vmlab.api.arch.Architecture;
import io.vmlab.api.plugin.GuiceModuleContribution;
import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.app.TestPaths;
import io.vmlab.app.UserError;
import io.vmlab.app.config.ConfigException;
import io.vmlab.app.config.LoadedMachine;
import io.vmlab.app.config.MachineLoader;
import io.vmlab.app.plugin.ExtensionInfo;
import io.vmlab.app.plugin.ExtensionKind;
import io.vmlab.app.plugin.LoadedPlugin;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.plugin.PluginRegistry;
import io.vmlab.kernel.config.MachineSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One injector per machine: the kernel's maps hold exactly the plugins' extensions, plus contributed modules. */
class MachineWiringTest {
  private static PluginHost host;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  private static LoadedMachine machine(String name) {
    return MachineLoader.load(TestPaths.machine(name), host.registry());
  }

  @Test
  void injectorResolvesTheMachinesArchitectureAndPolicies() {
    Machine m = MachineWiring.boot(machine("ia32-pae"), host.registry());
    assertEquals("ia32", m.arch().archId());
    assertEquals("pae", m.arch().pagingMode());
    assertEquals("lru-2q", m.policies().replacement().name());
    assertEquals("linux", m.policies().layout().name());
    assertSame(m.arch(), m.injector().getInstance(io.vmlab.api.arch.ArchModel.class), "one ArchModel per machine");
  }

  @Test
  void kernelMapsHoldEveryDiscoveredExtension() {
    Machine m = MachineWiring.boot(machine("x86_64-4level"), host.registry());
    Map<String, Architecture> archs = m.injector().getInstance(Key.get(new TypeLiteral<Map<String, Architecture>>() {}));
    assertEquals(host.registry().architectures(), archs);
    Map<String, ReplacementPolicy> repl =
        m.injector().getInstance(Key.get(new TypeLiteral<Map<String, ReplacementPolicy>>() {}));
    assertEquals(List.of("clock", "clock-pte", "fifo", "lru", "lru-2q", "opt", "random"),
        repl.keySet().stream().sorted().toList());
  }

  @Test
  void eachMachineGetsItsOwnInjector() {
    Machine a = MachineWiring.boot(machine("ia32-2level"), host.registry());
    Machine b = MachineWiring.boot(machine("x86_64-5level"), host.registry());
    assertTrue(a.injector() != b.injector());
    assertEquals("2level", a.injector().getInstance(MachineSpec.class).paging());
    assertEquals("5level", b.injector().getInstance(MachineSpec.class).paging());
  }

  @Test
  void contributedGuiceModulesAreInstalled() {
    GuiceModuleContribution contribution = () -> new AbstractModule() {
      @Override
      protected void configure() {
        bind(String.class).annotatedWith(Names.named("greeting")).toInstance("hello from a plugin");
      }
    };
    Machine m = MachineWiring.boot(machine("x86_64-4level"), withContribution(contribution));
    assertEquals("hello from a plugin", m.injector().getInstance(Key.get(String.class, Names.named("greeting"))));
  }

  @Test
  void contributedModuleThatBreaksWiringIsAUserError() {
    GuiceModuleContribution clash = () -> new AbstractModule() {
      @Override
      protected void configure() {
        bind(MachineSpec.class).toInstance(MachineSpec.defaults("x86_64", "4level"));
      }
    };
    UserError e = assertThrows(UserError.class, () -> MachineWiring.boot(machine("x86_64-4level"), withContribution(clash)));
    assertTrue(e.lines().get(0).startsWith("cannot wire machine 'x86_64-4level': "), e.lines().toString());
  }

  @Test
  void kernelConfigErrorPointsAtTheKeyInTheFile() {
    // A spec the loader would refuse, wired directly: the kernel's MachineConfigException is mapped back.
    LoadedMachine good = machine("x86_64-4level");
    MachineSpec s = good.spec();
    MachineSpec bad = new MachineSpec(s.name(), s.arch(), "9level", s.split(), s.memoryBytes(), s.swapBytes(),
        s.kernel(), s.tlb(), s.policies(), s.limits(), s.randomize(), s.seed());
    LoadedMachine wrong = new LoadedMachine(bad, good.file(), good.marks());
    ConfigException e = assertThrows(ConfigException.class, () -> MachineWiring.boot(wrong, host.registry()));
    String line = e.lines().get(0);
    assertTrue(line.endsWith("x86_64-4level.yaml:5:11: machine.paging: unknown paging mode '9level' for x86_64"
        + " (available: 4level, 5level)"), line);
  }

  private static PluginRegistry withContribution(GuiceModuleContribution contribution) {
    List<LoadedPlugin> plugins = new ArrayList<>(host.plugins());
    plugins.add(new LoadedPlugin("test-module", "1.0.0", "", Path.of("test-module.jar"), List.of(new ExtensionInfo(
        ExtensionKind.GUICE_MODULE, "test", "", contribution.getClass().getName(), "test-module", contribution))));
    List<String> problems = new ArrayList<>();
    PluginRegistry registry = PluginRegistry.of(plugins, problems);
    assertEquals(List.of(), problems);
    return registry;
  }
}
