package io.vmlab.app.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.ApiVersion;
import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.plugin.fixtures.ExplodingArchitecture;
import io.vmlab.app.plugin.fixtures.FailingStartPlugin;
import io.vmlab.app.plugin.fixtures.ImpostorFifoPolicy;
import io.vmlab.app.plugin.fixtures.NotAnExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A plugins directory holding the real plugins plus one broken jar: vmlab stops with exactly one
 * line naming the jar (or plugin) and the reason, exit code 2, and no stack trace.
 */
class BrokenPluginJarTest {
  @TempDir
  Path dir;

  @BeforeAll
  static void initLogging() {
    // Fix slf4j's levels now, so a --verbose run below cannot make later tests log at debug.
    LoggerFactory.getLogger(BrokenPluginJarTest.class);
  }

  @BeforeEach
  void realPlugins() throws IOException {
    PluginJars.copyRealPlugins(TestPaths.plugins(), dir);
  }

  /** {@code vmlab --plugins-dir DIR plugins}: exit 2, one error line, which it returns. */
  private String oneError() {
    CliRun.Result r = CliRun.vmlab("--plugins-dir", dir.toString(), "plugins");
    assertEquals(2, r.code(), r.toString());
    assertEquals("", r.out());
    assertEquals(1, r.errLines().size(), r.toString());
    return r.errLines().get(0);
  }

  private static void assertContains(String line, String... parts) {
    for (String p : parts) {
      assertTrue(line.contains(p), "expected '" + p + "' in: " + line);
    }
  }

  @Test
  void corruptJarIsNamedWithTheReason() throws IOException {
    Path jar = dir.resolve("broken.jar");
    Files.write(jar, new byte[] {'P', 'K', 3, 4, 'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
    String line = oneError();
    assertTrue(line.startsWith(jar + ": not a valid jar"), line);
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    Files.writeString(dir.resolve("broken.jar"), "garbage");
    CliRun.Result r = CliRun.vmlab("--plugins-dir", dir.toString(), "--verbose", "plugins");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("java.util.zip.ZipException"), r.err());
    assertTrue(r.err().contains("\tat "), r.err());
  }

  @Test
  void jarWithoutManifestIsNotAPlugin() throws IOException {
    Path jar = PluginJars.plugin("x").noManifest().index("a.B").write(dir, "plain.jar");
    assertContains(oneError(), jar + ": no META-INF/MANIFEST.MF", "not a vmlab plugin");
  }

  @Test
  void manifestWithoutPluginIdIsNotAPlugin() throws IOException {
    Path jar = PluginJars.plugin("x").manifest("Plugin-Id", null).index("a.B").write(dir, "anonymous.jar");
    assertContains(oneError(), jar + ": its MANIFEST.MF has no Plugin-Id");
  }

  @Test
  void jarWithoutExtensionIndexDeclaresNoExtensions() throws IOException {
    Path jar = PluginJars.plugin("no-index").write(dir, "no-index.jar");
    assertContains(oneError(), "plugin 'no-index' (" + jar + "): has no META-INF/extensions.idx", "<proc>full</proc>");
  }

  @Test
  void emptyExtensionIndexDeclaresNoExtensions() throws IOException {
    PluginJars.plugin("empty-index").index().write(dir, "empty-index.jar");
    assertContains(oneError(), "plugin 'empty-index'", "lists no extensions");
  }

  @Test
  void pluginForAnotherApiVersionIsRefused() throws IOException {
    PluginJars.plugin("future").manifest("Plugin-Requires", ">=2.0.0")
        .withClass(ImpostorFifoPolicy.class).index(ImpostorFifoPolicy.class.getName()).write(dir, "future.jar");
    assertContains(oneError(), "plugin 'future'", "requires kernel API >=2.0.0",
        "this vmlab provides kernel API " + ApiVersion.API);
  }

  @Test
  void extensionClassMissingFromTheJarIsNamed() throws IOException {
    PluginJars.plugin("hollow").index("com.example.Missing").write(dir, "hollow.jar");
    assertContains(oneError(), "plugin 'hollow'", "extension com.example.Missing cannot be loaded",
        "ClassNotFoundException");
  }

  @Test
  void classThatIsNoExtensionPointIsNamed() throws IOException {
    PluginJars.plugin("odd").withClass(NotAnExtension.class).index(NotAnExtension.class.getName()).write(dir, "odd.jar");
    assertContains(oneError(), "plugin 'odd'", NotAnExtension.class.getName(), "implements no vmlab extension point");
  }

  @Test
  void extensionThatCannotBeCreatedIsNamed() throws IOException {
    PluginJars.plugin("exploding").withClass(ExplodingArchitecture.class)
        .index(ExplodingArchitecture.class.getName()).write(dir, "exploding.jar");
    assertContains(oneError(), "plugin 'exploding'", ExplodingArchitecture.class.getName(), "cannot be created");
  }

  @Test
  void pluginWhoseStartFailsIsNamedWithTheCause() throws IOException {
    PluginJars.plugin("flaky").manifest("Plugin-Class", FailingStartPlugin.class.getName())
        .withClass(FailingStartPlugin.class).withClass(ImpostorFifoPolicy.class)
        .index(ImpostorFifoPolicy.class.getName()).write(dir, "flaky.jar");
    assertContains(oneError(), "plugin 'flaky'", "failed to start", "no license server");
  }

  @Test
  void twoExtensionsWithOneNameAreRefused() throws IOException {
    PluginJars.plugin("policy-fifo-2").withClass(ImpostorFifoPolicy.class)
        .index(ImpostorFifoPolicy.class.getName()).write(dir, "policy-fifo-2.jar");
    assertContains(oneError(), "two plugins provide the replacement policy 'fifo'", "'policy-fifo'", "'policy-fifo-2'");
  }

  @Test
  void samePluginIdTwiceIsRefused() throws IOException {
    Files.copy(dir.resolve("policy-fifo.jar"), dir.resolve("policy-fifo-copy.jar"));
    assertContains(oneError(), "policy-fifo.jar: plugin id 'policy-fifo' is already used by", "policy-fifo-copy.jar");
  }

  @Test
  void everyBrokenJarGetsItsOwnLine() throws IOException {
    Files.writeString(dir.resolve("a-broken.jar"), "garbage");
    PluginJars.plugin("b-no-index").write(dir, "b-no-index.jar");
    CliRun.Result r = CliRun.vmlab("--plugins-dir", dir.toString(), "plugins");
    assertEquals(2, r.code());
    List<String> lines = r.errLines();
    assertEquals(2, lines.size(), r.toString());
    assertContains(lines.get(0), "a-broken.jar: not a valid jar");
    assertContains(lines.get(1), "plugin 'b-no-index'");
  }

  @Test
  void emptyOrMissingPluginsDirectoryIsAUsageError(@TempDir Path empty) {
    CliRun.Result none = CliRun.vmlab("--plugins-dir", empty.toString(), "plugins");
    assertEquals(2, none.code());
    assertEquals(List.of("no plugin jars in " + empty
        + " (vmlab needs at least one architecture plugin, e.g. arch-x86_64.jar)"), none.errLines());
    CliRun.Result missing = CliRun.vmlab("plugins", "--plugins-dir", empty.resolve("nope").toString());
    assertEquals(2, missing.code());
    assertContains(missing.errLines().get(0), "plugins directory " + empty.resolve("nope") + " does not exist");
  }
}
