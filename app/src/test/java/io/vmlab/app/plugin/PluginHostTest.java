package io.vmlab.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's real plugin jars load in deployment mode and provide what machines name. */
class PluginHostTest {
  @Test
  void loadsTheBundledPluginsInIdOrder() {
    try (PluginHost host = PluginHost.load(TestPaths.plugins())) {
      assertEquals(List.of("arch-ia32", "arch-x86_64", "policy-clock", "policy-fifo", "policy-linux", "policy-lru",
          "policy-opt", "policy-random"), host.plugins().stream().map(LoadedPlugin::id).toList());
      for (LoadedPlugin p : host.plugins()) {
        assertEquals("0.1.0", p.version(), p.id());
        assertEquals(p.id() + ".jar", p.path().getFileName().toString());
        assertTrue(!p.extensions().isEmpty(), p.id() + " provides extensions");
      }
    }
  }

  @Test
  void registryHoldsEveryExtensionByKindAndName() {
    try (PluginHost host = PluginHost.load(TestPaths.plugins())) {
      PluginRegistry r = host.registry();
      assertEquals(List.of("ia32", "x86_64"), r.names(ExtensionKind.ARCHITECTURE));
      assertEquals(List.of("clock", "clock-pte", "fifo", "lru", "lru-2q", "opt", "random"),
          r.names(ExtensionKind.REPLACEMENT));
      assertEquals(List.of("linux"), r.names(ExtensionKind.LAYOUT));
      assertEquals(List.of("linux"), r.names(ExtensionKind.FAULT_AROUND));
      assertEquals(List.of("linux"), r.names(ExtensionKind.OOM));
      assertEquals("ia32", r.architectures().get("ia32").id());
      assertEquals("arch-x86_64", r.extensions(ExtensionKind.ARCHITECTURE).get("x86_64").pluginId());
      // Loaded by the plugin's class loader, not the host's: proof it came from the jar.
      assertTrue(r.architectures().get("ia32").getClass().getClassLoader() != PluginHostTest.class.getClassLoader());
    }
  }

  @Test
  void hostCanBeLoadedAndClosedRepeatedly() {
    for (int i = 0; i < 3; i++) {
      try (PluginHost host = PluginHost.load(TestPaths.plugins())) {
        assertEquals(8, host.plugins().size());
      }
    }
  }

  @Test
  void pluginDisabledInDisabledTxtIsSkippedNotAnError(@TempDir Path dir) throws IOException {
    PluginJars.copyRealPlugins(TestPaths.plugins(), dir);
    Files.writeString(dir.resolve("disabled.txt"), "policy-fifo\n");
    try (PluginHost host = PluginHost.load(dir)) {
      assertEquals(List.of("arch-ia32", "arch-x86_64", "policy-clock", "policy-linux", "policy-lru", "policy-opt",
          "policy-random"), host.plugins().stream().map(LoadedPlugin::id).toList());
      assertEquals(List.of("clock", "clock-pte", "lru", "lru-2q", "opt", "random"),
          host.registry().names(ExtensionKind.REPLACEMENT));
    }
  }

  @Test
  void pluginsCommandListsPluginsWithTheirExtensions() {
    CliRun.Result r = CliRun.vmlab("plugins");
    assertEquals(0, r.code(), r.toString());
    assertEquals("", r.err());
    String out = r.out();
    assertTrue(out.startsWith("8 plugins in "), out);
    int ia32 = out.indexOf("arch-ia32 0.1.0");
    int x86 = out.indexOf("arch-x86_64 0.1.0");
    int fifo = out.indexOf("policy-fifo 0.1.0");
    int linux = out.indexOf("policy-linux 0.1.0");
    assertTrue(ia32 >= 0 && ia32 < x86 && x86 < fifo && fifo < linux, out);
    for (String s : List.of("architecture  ia32", "architecture  x86_64", "replacement policy  fifo",
        "replacement policy   lru-2q", "layout policy        linux", "fault-around policy  linux",
        "OOM policy           linux", "arch-ia32.jar")) {
      assertTrue(out.contains(s), "missing '" + s + "' in\n" + out);
    }
  }
}
