package io.vmlab.app.plugin;

import io.vmlab.api.ApiVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pf4j.JarPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginState;
import org.pf4j.PluginStateEvent;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J's jar plugin manager as vmlab needs it: deployment mode always, the kernel API version as
 * the system version (so {@code Plugin-Requires} is checked), one jar loaded at a time, and start
 * and stop that record failures instead of logging stack traces.
 */
final class VmlabPluginManager extends JarPluginManager {
  VmlabPluginManager(Path pluginsDir) {
    super(pluginsDir);
    setSystemVersion(ApiVersion.API);
  }

  @Override
  public RuntimeMode getRuntimeMode() {
    // Never DEVELOPMENT (which reads target/classes from ../plugins), whatever pf4j.mode says.
    return RuntimeMode.DEPLOYMENT;
  }

  @Override
  protected PluginFactory createPluginFactory() {
    return new QuietPluginFactory();
  }

  /** Loads one jar (not yet resolved or started); PF4J's errors come as PluginRuntimeException. */
  void loadOne(Path jar) {
    loadPluginFromPath(jar);
  }

  /** Orders the loaded plugins by their dependencies; throws if a dependency is missing. */
  void resolve() {
    resolvePlugins();
  }

  /** Starts each resolved plugin; a failure marks it FAILED with the cause, without logging. */
  @Override
  public void startPlugins() {
    for (PluginWrapper wrapper : new ArrayList<>(getResolvedPlugins())) {
      PluginState old = wrapper.getPluginState();
      if (old.isDisabled() || old.isStarted()) {
        continue;
      }
      try {
        Plugin plugin = wrapper.getPlugin();
        plugin.start();
        wrapper.setPluginState(PluginState.STARTED);
        wrapper.setFailedException(null);
        startedPlugins.add(wrapper);
      } catch (RuntimeException | LinkageError e) {
        wrapper.setPluginState(PluginState.FAILED);
        wrapper.setFailedException(e);
      }
      firePluginStateEvent(new PluginStateEvent(this, wrapper, old));
    }
  }

  /**
   * PF4J 3.15.0's stopPlugins() removes from the list it iterates (pf4j/pf4j#656: a
   * ConcurrentModificationException, or plugins silently left running). Stop a reversed copy.
   */
  @Override
  public void stopPlugins() {
    List<PluginWrapper> started = new ArrayList<>(getStartedPlugins());
    Collections.reverse(started);
    for (PluginWrapper wrapper : started) {
      if (wrapper.getPluginState().isStarted()) {
        stopPlugin(wrapper.getPluginId());
      }
    }
  }
}
