package io.vmlab.app.plugin;

import io.vmlab.api.ApiVersion;
import io.vmlab.app.VmlabHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded plugins of one plugins directory. {@link #load} takes every {@code *.jar} in it, in
 * name order, and either returns a host whose plugins all loaded, started and declared usable
 * extensions, or throws a {@link PluginLoadException} with one line per broken plugin.
 */
public final class PluginHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

  private final Path directory;
  private final VmlabPluginManager manager;
  private final List<LoadedPlugin> plugins;
  private final PluginRegistry registry;

  private PluginHost(Path directory, VmlabPluginManager manager, List<LoadedPlugin> plugins, PluginRegistry registry) {
    this.directory = directory;
    this.manager = manager;
    this.plugins = List.copyOf(plugins);
    this.registry = registry;
  }

  /** Loads and starts every plugin jar in {@code directory}. */
  public static PluginHost load(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    List<Path> jars = jarsIn(dir);
    VmlabPluginManager manager = new VmlabPluginManager(dir);
    List<String> problems = new ArrayList<>();
    Throwable firstCause = null;
    Map<String, Path> pathById = new HashMap<>();
    for (Path jar : jars) {
      String where = VmlabHome.display(jar);
      try {
        JarCheck.Descriptor d = JarCheck.check(jar, ApiVersion.API, manager.getVersionManager());
        Path other = pathById.putIfAbsent(d.id(), jar);
        if (other != null) {
          problems.add(where + ": plugin id '" + d.id() + "' is already used by " + VmlabHome.display(other));
          continue;
        }
        manager.loadOne(jar);
        LOG.debug("loaded plugin {} {} from {}", d.id(), d.version(), jar);
      } catch (JarCheck.Problem p) {
        problems.add(label(p.pluginId, where) + ": " + p.getMessage());
        firstCause = firstCause == null ? p : firstCause;
      } catch (PluginRuntimeException e) {
        problems.add(where + ": PF4J cannot load it: " + e.getMessage());
        firstCause = firstCause == null ? e : firstCause;
      }
    }
    try {
      manager.resolve();
    } catch (PluginRuntimeException e) {
      problems.add(VmlabHome.display(dir) + ": plugin dependencies cannot be resolved: " + e.getMessage());
      firstCause = firstCause == null ? e : firstCause;
    }
    manager.startPlugins();
    List<LoadedPlugin> loaded = new ArrayList<>();
    List<PluginWrapper> wrappers = new ArrayList<>(manager.getPlugins());
    wrappers.sort(Comparator.comparing(PluginWrapper::getPluginId));
    for (PluginWrapper w : wrappers) {
      String name = label(w.getPluginId(), VmlabHome.display(w.getPluginPath()));
      if (w.getPluginState() == PluginState.DISABLED && w.getFailedException() == null) {
        LOG.info("plugin {} is disabled (enabled.txt/disabled.txt in {})", w.getPluginId(), dir);
        continue;
      }
      if (w.getPluginState() != PluginState.STARTED) {
        Throwable why = w.getFailedException();
        problems.add(name + ": failed to start ("
            + (why == null ? "state " + w.getPluginState() : ExtensionScanner.describe(why)) + ")");
        firstCause = firstCause == null ? why : firstCause;
        continue;
      }
      ExtensionScanner.Result scan = ExtensionScanner.scan(manager, w);
      scan.problems().forEach(p -> problems.add(name + ": " + p));
      loaded.add(new LoadedPlugin(w.getPluginId(), w.getDescriptor().getVersion(),
          w.getDescriptor().getPluginDescription(), w.getPluginPath(), scan.extensions()));
    }
    PluginRegistry registry = PluginRegistry.of(loaded, problems);
    if (!problems.isEmpty()) {
      shutdown(manager);
      throw new PluginLoadException(problems, firstCause);
    }
    return new PluginHost(dir, manager, loaded, registry);
  }

  private static List<Path> jarsIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new PluginLoadException(List.of("plugins directory " + VmlabHome.display(dir) + " does not exist "
          + "(build with 'mvn -B -q -DskipTests package', or point --plugins-dir or VMLAB_PLUGINS at one)"), null);
    }
    List<Path> jars;
    try (Stream<Path> files = Files.list(dir)) {
      jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new PluginLoadException(List.of("cannot list plugins directory " + VmlabHome.display(dir)
          + " (" + e.getMessage() + ")"), e);
    }
    if (jars.isEmpty()) {
      throw new PluginLoadException(List.of("no plugin jars in " + VmlabHome.display(dir)
          + " (vmlab needs at least one architecture plugin, e.g. arch-x86_64.jar)"), null);
    }
    return jars;
  }

  private static String label(String pluginId, String where) {
    return pluginId == null ? where : "plugin '" + pluginId + "' (" + where + ")";
  }

  private static void shutdown(VmlabPluginManager manager) {
    try {
      manager.stopPlugins();
      manager.unloadPlugins();
    } catch (RuntimeException e) {
      LOG.debug("cannot unload plugins cleanly", e);
    }
  }

  /** The directory the plugins came from. */
  public Path directory() {
    return directory;
  }

  /** The loaded plugins, by id. */
  public List<LoadedPlugin> plugins() {
    return plugins;
  }

  /** Their extensions by kind and name. */
  public PluginRegistry registry() {
    return registry;
  }

  /** Stops and unloads every plugin (closing their class loaders). */
  @Override
  public void close() {
    shutdown(manager);
  }
}
