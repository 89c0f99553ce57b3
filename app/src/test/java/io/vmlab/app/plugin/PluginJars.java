package io.vmlab.app.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds plugin jars for tests: a PF4J MANIFEST, an extension index and class files. */
final class PluginJars {
  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private boolean withManifest = true;

  /** A plugin {@code id} 1.0.0 requiring kernel API 1.x, as plugins/pom.xml writes it. */
  static PluginJars plugin(String id) {
    PluginJars j = new PluginJars();
    j.manifest.put("Plugin-Id", id);
    j.manifest.put("Plugin-Version", "1.0.0");
    j.manifest.put("Plugin-Requires", ">=1.0.0 & <2.0.0");
    return j;
  }

  /** A MANIFEST entry (null removes it). */
  PluginJars manifest(String key, String value) {
    if (value == null) {
      manifest.remove(key);
    } else {
      manifest.put(key, value);
    }
    return this;
  }

  /** No MANIFEST at all. */
  PluginJars noManifest() {
    withManifest = false;
    return this;
  }

  /** META-INF/extensions.idx listing {@code classNames}. */
  PluginJars index(String... classNames) {
    entries.put("META-INF/extensions.idx", (String.join("\n", classNames) + "\n").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** The class file of {@code type}, from the test classpath. */
  PluginJars withClass(Class<?> type) throws IOException {
    String name = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
      entries.put(name, in.readAllBytes());
    }
    return this;
  }

  /** Writes the jar as {@code dir/fileName}. */
  Path write(Path dir, String fileName) throws IOException {
    Path jar = dir.resolve(fileName);
    try (OutputStream out = Files.newOutputStream(jar);
        ZipOutputStream zip = withManifest ? new JarOutputStream(out, manifest()) : new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(withManifest ? new JarEntry(e.getKey()) : new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return jar;
  }

  private Manifest manifest() {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
    return m;
  }

  /** Copies the real plugin jars of the build into {@code dir}. */
  static void copyRealPlugins(Path from, Path dir) throws IOException {
    try (var jars = Files.list(from)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Files.copy(jar, dir.resolve(jar.getFileName()));
      }
    }
  }
}
