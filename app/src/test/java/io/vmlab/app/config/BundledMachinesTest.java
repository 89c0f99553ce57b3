package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.app.TestPaths;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.config.MachineSpec;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled machines load, and say what their names promise. */
class BundledMachinesTest {
  private static PluginHost host;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  @ParameterizedTest
  @CsvSource({"ia32-2level, ia32, 2level", "ia32-pae, ia32, pae", "x86_64-4level, x86_64, 4level",
      "x86_64-5level, x86_64, 5level", "x86_64-4level-6.18, x86_64, 4level"})
  void bundledMachineLoads(String name, String arch, String paging) {
    MachineSpec spec = MachineLoader.load(TestPaths.machine(name), host.registry()).spec();
    assertEquals(name, spec.name());
    assertEquals(arch, spec.arch());
    assertEquals(paging, spec.paging());
    assertEquals(false, spec.randomize());
  }

  @Test
  void bundledNamesAreTheFourPagingModesAndThe618Profile() {
    assertEquals(List.of("ia32-2level", "ia32-pae", "x86_64-4level", "x86_64-4level-6.18", "x86_64-5level"),
        MachineLocator.bundledNames());
  }

  @Test
  void the618ProfileMachineRunsKernel618() {
    MachineSpec spec = MachineLoader.load(TestPaths.machine("x86_64-4level-6.18"), host.registry()).spec();
    assertEquals(io.vmlab.api.KernelVersion.V6_18, spec.kernel().version());
  }

  @Test
  void bareNameResolvesToTheBundledFile() {
    assertEquals(TestPaths.machine("ia32-pae"), MachineLocator.resolve("ia32-pae"));
  }
}
