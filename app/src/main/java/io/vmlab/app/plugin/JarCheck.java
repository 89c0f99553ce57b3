package io.vmlab.app.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import org.pf4j.VersionManager;
import org.pf4j.processor.ExtensionStorage;

/**
 * Checks a plugin jar before PF4J loads it: a readable jar, a PF4J descriptor in the MANIFEST, a
 * {@code Plugin-Requires} this kernel API satisfies, and an extension index. PF4J would only log
 * most of these (or skip the plugin silently); here each becomes a {@link Problem}.
 */
final class JarCheck {
  /** Where PF4J's annotation processor lists a plugin's extensions. */
  static final String EXTENSIONS_INDEX = "META-INF/extensions.idx";

  /** What the MANIFEST says about a plugin that passed the checks. */
  record Descriptor(String id, String version, String requires) {}

  /** A reason the jar cannot be used; {@code pluginId} is null when the MANIFEST did not say. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;
    final String pluginId;

    Problem(String pluginId, String reason) {
      this(pluginId, reason, null);
    }

    Problem(String pluginId, String reason, Throwable cause) {
      super(reason, cause);
      this.pluginId = pluginId;
    }
  }

  private JarCheck() {}

  /** Checks {@code jar} against kernel API {@code apiVersion}. */
  static Descriptor check(Path jar, String apiVersion, VersionManager versions) throws Problem {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        throw new Problem(null, "no META-INF/MANIFEST.MF, so no PF4J descriptor: not a vmlab plugin");
      }
      Attributes main = manifest.getMainAttributes();
      String id = trimmed(main.getValue("Plugin-Id"));
      if (id == null) {
        throw new Problem(null, "its MANIFEST.MF has no Plugin-Id: not a vmlab plugin "
            + "(a plugin's pom inherits plugins/pom.xml, which writes the Plugin-* entries)");
      }
      String version = trimmed(main.getValue("Plugin-Version"));
      if (version == null) {
        throw new Problem(id, "its MANIFEST.MF has no Plugin-Version");
      }
      String requires = trimmed(main.getValue("Plugin-Requires"));
      if (requires != null) {
        checkRequires(id, requires, apiVersion, versions);
      }
      checkIndex(id, file);
      return new Descriptor(id, version, requires == null ? "*" : requires);
    } catch (ZipException e) {
      throw new Problem(null, "not a valid jar (" + e.getMessage() + ")", e);
    } catch (IOException | SecurityException e) {
      throw new Problem(null, "cannot read the jar (" + e.getMessage() + ")", e);
    }
  }

  private static void checkRequires(String id, String requires, String api, VersionManager versions)
      throws Problem {
    // PF4J reads a bare x.y.z as ">= x.y.z" unless exact versions are allowed; do the same.
    String constraint = requires.matches("^\\d+\\.\\d+\\.\\d+$") ? ">=" + requires : requires;
    boolean ok;
    try {
      ok = versions.checkVersionConstraint(api, constraint);
    } catch (RuntimeException e) {
      throw new Problem(id, "its Plugin-Requires '" + requires + "' is not a version expression", e);
    }
    if (!ok) {
      throw new Problem(id, "requires kernel API " + requires + ", but this vmlab provides kernel API " + api);
    }
  }

  private static void checkIndex(String id, JarFile file) throws Problem, IOException {
    ZipEntry index = file.getEntry(EXTENSIONS_INDEX);
    if (index == null) {
      throw new Problem(id, "has no " + EXTENSIONS_INDEX + ", so it declares no extensions "
          + "(mark them @Extension and compile with annotation processing on: <proc>full</proc>)");
    }
    Set<String> classes = new LinkedHashSet<>();
    try (InputStream in = file.getInputStream(index);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      ExtensionStorage.read(reader, classes);
    }
    if (classes.isEmpty()) {
      throw new Problem(id, "its " + EXTENSIONS_INDEX + " lists no extensions");
    }
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
